package org.effdyn.analysis;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.hipparchus.complex.Complex;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.FieldVector;

/**
 * Two-parameter continuation of a Hopf curve. Unknowns (u, v, w, ω, p), parameter q, equations
 * \[ h(u; p, q) = 0,\quad Jv + \omega w = 0,\quad Jw - \omega v = 0,\quad |v|^2 + |w|^2 = 1,\quad
 *    v_0\cdot w = 0, \]
 * i.e. J(v + iw) = iω(v + iw) with the eigenvector normalized and its phase fixed against v₀, the real
 * part at the start. This is the standard (fully) augmented Hopf system (Kuznetsov 2004, §10.2.2),
 * not a minimally augmented one: 3n + 2 unknowns instead of n + 2, which is no cost at the dimensions
 * of these limits and keeps ω as an unknown. It is traced by {@link Continuation} as a one-parameter
 * branch of an extended system with q as its parameter; J = D_u h is analytic or central differences
 * ({@link Jacobians}). Along the curve the first Lyapunov coefficient is recorded ({@link HopfNormalForm});
 * a change of its sign is a Bautin (generalized Hopf) point, and ω → 0 a Bogdanov–Takens point, where
 * the curve ends on a fold curve (the tracing stops as the system becomes singular there).
 */
public final class HopfCurves {
  private HopfCurves() {}

  /** A point of a Hopf curve: the parameters, the equilibrium, ω and l₁. */
  public record Point(double p, double q, double[] state, double frequency, double firstLyapunov) {
    public Point {
      state = state.clone();
    }

    @Override
    public double[] state() {
      return state.clone();
    }
  }

  /** A traced Hopf curve: its points, why it ended, and its Bautin points (l₁ changes sign; interpolated). */
  public record Curve(String p, String q, List<Point> points, Continuation.End end, List<Point> bautin) {
    public Curve {
      points = List.copyOf(points);
      bautin = List.copyOf(bautin);
    }
  }

  /** Traces the Hopf curve through the Hopf point (u0, p0) of h(·; ·, q0), both ways in q. */
  public static List<Curve> trace(FoldCurves.Family2 family, String pName, String qName, double[] u0, double p0, double q0,
      Continuation.Options options) {
    int n = u0.length;
    Dynamics d0 = family.at(p0, q0);
    double[][] j0 = Jacobians.at(d0, u0);
    EigenDecompositionNonSymmetric e = new EigenDecompositionNonSymmetric(new Array2DRowRealMatrix(j0, true));
    Complex[] mu = e.getEigenvalues();
    int k = -1;
    for (int i = 0; i < n; i++) {
      if (mu[i].getImaginary() > 1e-10 && (k < 0 || Math.abs(mu[i].getReal()) < Math.abs(mu[k].getReal()))) k = i;
    }
    if (k < 0) throw new IllegalArgumentException("no complex eigenvalue pair at the start: not a Hopf point");
    FieldVector<Complex> ev = e.getEigenvector(k);
    double[] v0 = new double[n], w0 = new double[n];
    double norm = 0;
    for (int i = 0; i < n; i++) {
      v0[i] = ev.getEntry(i).getReal();
      w0[i] = ev.getEntry(i).getImaginary();
      norm += v0[i] * v0[i] + w0[i] * w0[i];
    }
    // rotate the phase so that v0·w0 = 0 (then the phase condition holds at the start)
    double a = 0, b = 0, c = 0;
    for (int i = 0; i < n; i++) {
      a += v0[i] * v0[i];
      b += w0[i] * w0[i];
      c += v0[i] * w0[i];
    }
    double theta = 0.5 * Math.atan2(2 * c, a - b);
    double cs = Math.cos(theta), sn = Math.sin(theta);
    double[] v = new double[n], w = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (v0[i] * cs + w0[i] * sn) / Math.sqrt(norm);
      w[i] = (-v0[i] * sn + w0[i] * cs) / Math.sqrt(norm);
    }
    double omega = mu[k].getImaginary();
    double[] ref = v.clone();
    String[] names = new String[3 * n + 2];
    StateLayout base = d0.layout();
    for (int i = 0; i < n; i++) {
      names[i] = base.name(i);
      names[n + i] = "v" + (i + 1);
      names[2 * n + i] = "w" + (i + 1);
    }
    names[3 * n] = "omega";
    names[3 * n + 1] = pName;
    StateLayout ext = StateLayout.scalars(names);
    Continuation.Family fam = FoldCurves.extended(ext, (q, y, out) -> {
      double[] u = java.util.Arrays.copyOf(y, n);
      double om = y[3 * n];
      Dynamics d = family.at(y[3 * n + 1], q);
      double[] h = new double[n];
      d.drift(u, h);
      double[][] j = Jacobians.at(d, u);
      double nv = 0, phase = 0;
      for (int i = 0; i < n; i++) {
        out[i] = h[i];
        double jv = 0, jw = 0;
        for (int m = 0; m < n; m++) {
          jv += j[i][m] * y[n + m];
          jw += j[i][m] * y[2 * n + m];
        }
        out[n + i] = jv + om * y[2 * n + i];
        out[2 * n + i] = jw - om * y[n + i];
        nv += y[n + i] * y[n + i] + y[2 * n + i] * y[2 * n + i];
        phase += ref[i] * y[2 * n + i];
      }
      out[3 * n] = nv - 1;
      out[3 * n + 1] = phase;
    });
    double[] y0 = new double[3 * n + 2];
    System.arraycopy(u0, 0, y0, 0, n);
    System.arraycopy(v, 0, y0, n, n);
    System.arraycopy(w, 0, y0, 2 * n, n);
    y0[3 * n] = omega;
    y0[3 * n + 1] = p0;
    Continuation cont = new Continuation(options);
    List<Curve> out = new ArrayList<>();
    for (int dir : new int[] {+1, -1}) {
      Branch br = cont.trace(fam, qName, q0, y0, dir);
      List<Point> pts = new ArrayList<>();
      for (Continuation.Point pt : br.points()) {
        double[] y = pt.state();
        double[] u = java.util.Arrays.copyOf(y, n);
        double l1;
        try {
          l1 = HopfNormalForm.at(family.at(y[3 * n + 1], pt.parameter()), u).firstLyapunov();
        } catch (RuntimeException noPair) {
          l1 = Double.NaN;
        }
        pts.add(new Point(y[3 * n + 1], pt.parameter(), u, Math.abs(y[3 * n]), l1));
      }
      List<Point> bautin = new ArrayList<>();
      for (int i = 1; i < pts.size(); i++) {
        Point x = pts.get(i - 1), z = pts.get(i);
        if (Math.signum(x.firstLyapunov()) * Math.signum(z.firstLyapunov()) < 0) {
          double s = x.firstLyapunov() / (x.firstLyapunov() - z.firstLyapunov());
          double[] st = new double[n];
          for (int m = 0; m < n; m++) st[m] = x.state()[m] + s * (z.state()[m] - x.state()[m]);
          bautin.add(new Point(x.p() + s * (z.p() - x.p()), x.q() + s * (z.q() - x.q()), st,
              x.frequency() + s * (z.frequency() - x.frequency()), 0));
        }
      }
      out.add(new Curve(pName, qName, pts, br.end(), bautin));
    }
    return out;
  }
}
