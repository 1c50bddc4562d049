package org.effdyn.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effdyn.analysis.FixedPoint;
import org.effdyn.core.StateLayout;
import org.hipparchus.complex.Complex;

/**
 * The files of a fixed-point search ({@link FixedPointsRun}): {@code fixed-points.csv} (one row per point:
 * state, stability, max_re, unstable, residual, hits, jacobian, eigenvalues) and {@code fixed-points.json}
 * (the same with the unstable directions), each written atomically.
 */
public final class FixedPointFiles {
  private FixedPointFiles() {}

  /** fixed-points.csv: the state (quoted names), then stability, max_re, unstable, residual, hits, jacobian, eigenvalues. */
  public static void writeTable(Path file, StateLayout layout, List<FixedPoint> points) {
    StringBuilder b = new StringBuilder();
    for (String n : layout.names()) b.append('"').append(n).append("\",");
    b.append("stability,max_re,unstable,residual,hits,jacobian,eigenvalues\n");
    for (FixedPoint p : points) {
      for (double x : p.state()) b.append(x).append(',');
      b.append(p.kind().key()).append(',').append(p.stability().maxRealPart()).append(',').append(p.stability().unstableCount())
          .append(',').append(p.residual()).append(',').append(p.hits()).append(',').append(p.analyticJacobian() ? "analytic" : "finite-difference")
          .append(",\"");
      Complex[] mu = p.stability().eigenvalues();
      for (int i = 0; i < mu.length; i++) b.append(i == 0 ? "" : " ").append(complex(mu[i]));
      b.append("\"\n");
    }
    AtomicFiles.writeString(file, b.toString());
  }

  /** fixed-points.json: {@code {"fixed_points": [{state, stability, eigenvalues, unstable_directions, multiplicity, residual, hits, jacobian}]}}. */
  public static void writeJson(Path file, StateLayout layout, List<FixedPoint> points) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (FixedPoint p : points) {
      Map<String, Object> m = new LinkedHashMap<>();
      Map<String, Object> st = new LinkedHashMap<>();
      for (int i = 0; i < layout.size(); i++) st.put(layout.name(i), p.get(i));
      m.put("state", st);
      m.put("stability", p.kind().key());
      List<String> ev = new ArrayList<>();
      for (Complex c : p.stability().eigenvalues()) ev.add(complex(c));
      m.put("eigenvalues", ev);
      m.put("unstable_directions", p.stability().unstableDirections());
      m.put("multiplicity", p.multiplicity());
      m.put("residual", p.residual());
      m.put("hits", p.hits());
      m.put("jacobian", p.analyticJacobian() ? "analytic" : "finite-difference");
      list.add(m);
    }
    ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    AtomicFiles.write(file, os -> om.writeValue(os, Map.of("fixed_points", list)));
  }

  /**
   * bifurcation.json: {@code {"parameter", "specials": [{type, PARAM value, state, stability, eigenvalues,
   * frequency, first_lyapunov, criticality}], "branches": [{index, points, end, stability_changes: [{PARAM,
   * from, to}]}]}}; type is fold, branch-point or hopf; frequency and first_lyapunov only for hopf.
   */
  public static void writeBifurcationJson(Path file, String parameter, List<org.effdyn.analysis.Branch> branches,
      List<org.effdyn.analysis.Continuation.Special> specials) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("parameter", parameter);
    List<Map<String, Object>> sp = new ArrayList<>();
    for (org.effdyn.analysis.Continuation.Special s : specials) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", s.kind().key());
      m.put(parameter, s.parameter());
      Map<String, Object> st = new LinkedHashMap<>();
      StateLayout layout = branches.get(0).layout();
      for (int i = 0; i < layout.size(); i++) st.put(layout.name(i), s.state()[i]);
      m.put("state", st);
      m.put("stability", s.stability().kind().key());
      List<String> ev = new ArrayList<>();
      for (Complex c : s.stability().eigenvalues()) ev.add(complex(c));
      m.put("eigenvalues", ev);
      if (s.kind() == org.effdyn.analysis.Continuation.SpecialKind.HOPF) {
        m.put("frequency", s.frequency());
        m.put("first_lyapunov", s.firstLyapunov());
        m.put("criticality", s.criticality());
      }
      sp.add(m);
    }
    root.put("specials", sp);
    List<Map<String, Object>> bl = new ArrayList<>();
    for (int b = 0; b < branches.size(); b++) {
      org.effdyn.analysis.Branch br = branches.get(b);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", b);
      m.put("points", br.points().size());
      m.put("end", br.end().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      List<Map<String, Object>> ch = new ArrayList<>();
      for (int i : br.stabilityChanges()) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put(parameter, 0.5 * (br.points().get(i - 1).parameter() + br.points().get(i).parameter()));
        c.put("from", br.points().get(i - 1).stability().kind().key());
        c.put("to", br.points().get(i).stability().kind().key());
        ch.add(c);
      }
      m.put("stability_changes", ch);
      bl.add(m);
    }
    root.put("branches", bl);
    ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    AtomicFiles.write(file, os -> om.writeValue(os, root));
  }

  /** A complex number as "re", "re+imi" or "re-imi". */
  static String complex(Complex c) {
    if (c.getImaginary() == 0) return String.valueOf(c.getReal());
    return c.getReal() + (c.getImaginary() < 0 ? "-" : "+") + Math.abs(c.getImaginary()) + "i";
  }
}
