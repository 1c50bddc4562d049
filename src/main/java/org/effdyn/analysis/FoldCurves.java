package org.effdyn.analysis;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Two-parameter continuation of a fold (saddle-node) curve by the minimally augmented system (Govaerts,
 * <i>Numerical Methods for Bifurcations of Dynamical Equilibria</i>, SIAM 2000, ch. 4; as in MatCont):
 * unknowns (u, p, q), equations
 * \[ h(u; p, q) = 0, \qquad g(u; p, q) = 0, \qquad
 *    \begin{pmatrix} J &amp; b \\ c^T &amp; 0 \end{pmatrix}\begin{pmatrix} v \\ g \end{pmatrix}
 *    = \begin{pmatrix} 0 \\ 1 \end{pmatrix}, \]
 * J = D_u h: g vanishes exactly where J is singular, and the bordered matrix is regular near a simple
 * fold when b and c are near the left and right null vectors of J. They are those of J at the starting
 * fold (from Hipparchus' SVD) and are kept along the curve (a fixed bordering; the curve is traced while
 * the bordered matrix stays regular). The curve is traced by {@link Continuation} with (u, p) as the
 * state of an extended system and q as its parameter, so steps, correction and ends are those of a
 * one-parameter branch.
 *
 * <p>Codimension-two points along the curve, from test functions at each point (v the right and w the
 * left null vector of J, from the bordered systems):
 * <ul>
 *   <li>cusp: the fold's quadratic normal-form coefficient ½⟨w, B(v, v)⟩ (B = D²h, by central differences;
 *       divided by |w||v|² so that the scale of the null vectors does not matter) changes sign (two fold
 *       curves meet in a cusp);</li>
 *   <li>Bogdanov–Takens: ⟨w, v⟩ changes sign (the zero eigenvalue becomes double, and a Hopf curve
 *       starts there).</li>
 * </ul>
 * Each is placed by linear interpolation of its test function between the two points (error of order
 * the square of the step; steps ≤ {@code maxStep}).
 */
public final class FoldCurves {
  private FoldCurves() {}

  /** A two-parameter family h(·; p, q). */
  @FunctionalInterface
  public interface Family2 {
    Dynamics at(double p, double q);
  }

  /** A codimension-two point on a fold curve. */
  public record Point2(String type, double p, double q, double[] state) {
    public Point2 {
      state = state.clone();
    }

    @Override
    public double[] state() {
      return state.clone();
    }
  }

  /**
   * A traced fold curve: its points (p in the parameter slot of the branch, q the branch's parameter) in
   * the extended layout (the statistics, then p), and its cusp and Bogdanov–Takens points.
   */
  public record Curve(String p, String q, Branch branch, List<Point2> codimTwo) {
    public Curve {
      codimTwo = List.copyOf(codimTwo);
    }

    /** (p, q) of point i. */
    public double[] parameters(int i) {
      Continuation.Point pt = branch.points().get(i);
      double[] s = pt.state();
      return new double[] {s[s.length - 1], pt.parameter()};
    }
  }

  /**
   * Traces the fold curve through the fold (u0, p0) of h(·; ·, q0) in both directions of q, over q in
   * [qMin, qMax] of the options.
   */
  public static List<Curve> trace(Family2 family, String pName, String qName, double[] u0, double p0, double q0,
      Continuation.Options options) {
    int n = u0.length;
    Dynamics d0 = family.at(p0, q0);
    double[][] j0 = Jacobians.at(d0, u0);
    SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(j0, false));
    double[] c = svd.getV().getColumn(n - 1); // right null vector
    double[] b = svd.getU().getColumn(n - 1); // left null vector
    StateLayout base = d0.layout();
    String[] names = new String[n + 1];
    for (int i = 0; i < n; i++) names[i] = base.name(i);
    names[n] = pName;
    StateLayout ext = StateLayout.scalars(names);
    Continuation.Family fam = extended(ext, (q, y, out) -> {
      double[] u = java.util.Arrays.copyOf(y, n);
      Dynamics d = family.at(y[n], q);
      double[] h = new double[n];
      d.drift(u, h);
      System.arraycopy(h, 0, out, 0, n);
      out[n] = bordered(Jacobians.at(d, u), b, c, false)[n];
    });
    double[] y0 = java.util.Arrays.copyOf(u0, n + 1);
    y0[n] = p0;
    Continuation cont = new Continuation(options);
    List<Curve> out = new ArrayList<>();
    for (int dir : new int[] {+1, -1}) {
      Branch br = cont.trace(fam, qName, q0, y0, dir);
      out.add(new Curve(pName, qName, br, codimTwo(family, br, b, c, n)));
    }
    return out;
  }

  /** The drift of an extended system (state y, parameter q) whose branches are the curves of a two-parameter family. */
  @FunctionalInterface
  interface ExtendedDrift {
    void drift(double q, double[] y, double[] out);
  }

  /** A one-parameter family (in q) of extended systems with the given layout, for {@link Continuation}. */
  static Continuation.Family extended(StateLayout layout, ExtendedDrift f) {
    return q -> new Dynamics() {
      @Override public StateLayout layout() {
        return layout;
      }

      @Override public void drift(double[] y, double[] out) {
        f.drift(q, y, out);
      }
    };
  }

  /** Solves [[J, b], [cᵀ, 0]] (v, g) = (0, 1) (transposed: [[Jᵀ, c], [bᵀ, 0]] (w, g) = (0, 1)). */
  static double[] bordered(double[][] j, double[] b, double[] c, boolean transpose) {
    int n = j.length;
    double[][] m = new double[n + 1][n + 1];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) m[i][k] = transpose ? j[k][i] : j[i][k];
      m[i][n] = transpose ? c[i] : b[i];
      m[n][i] = transpose ? b[i] : c[i];
    }
    double[] rhs = new double[n + 1];
    rhs[n] = 1;
    RealMatrix a = new Array2DRowRealMatrix(m, false);
    return new LUDecomposition(a, 0).getSolver().solve(new ArrayRealVector(rhs, false)).toArray();
  }

  private static List<Point2> codimTwo(Family2 family, Branch br, double[] b, double[] c, int n) {
    List<Point2> out = new ArrayList<>();
    double[] prev = null;
    for (int i = 0; i < br.points().size(); i++) {
      double[] tf = tests(family, br.points().get(i), b, c, n);
      if (prev != null) {
        String[] types = {"cusp", "bogdanov-takens"};
        for (int k = 0; k < 2; k++) {
          if (Double.isFinite(prev[k]) && Double.isFinite(tf[k]) && Math.signum(prev[k]) * Math.signum(tf[k]) < 0) {
            double s = prev[k] / (prev[k] - tf[k]);
            Continuation.Point a = br.points().get(i - 1), z = br.points().get(i);
            double[] ua = a.state(), uz = z.state();
            double[] u = new double[n];
            for (int j = 0; j < n; j++) u[j] = ua[j] + s * (uz[j] - ua[j]);
            double p = ua[n] + s * (uz[n] - ua[n]);
            double q = a.parameter() + s * (z.parameter() - a.parameter());
            out.add(new Point2(types[k], p, q, u));
          }
        }
      }
      prev = tf;
    }
    return out;
  }

  /** (cusp test a, Bogdanov–Takens test ⟨w, v⟩) at a point of the curve. */
  private static double[] tests(Family2 family, Continuation.Point pt, double[] b, double[] c, int n) {
    double[] y = pt.state();
    double[] u = java.util.Arrays.copyOf(y, n);
    Dynamics d = family.at(y[n], pt.parameter());
    double[][] j = Jacobians.at(d, u);
    double[] v = java.util.Arrays.copyOf(bordered(j, b, c, false), n);
    double[] w = java.util.Arrays.copyOf(bordered(j, b, c, true), n);
    double wv = 0;
    for (int i = 0; i < n; i++) wv += w[i] * v[i];
    double[] bvv = HopfNormalForm.realForm(d, u, 1e-4 * Math.max(1, maxAbs(u)), new double[][] {v, v});
    double a = 0;
    for (int i = 0; i < n; i++) a += w[i] * bvv[i];
    // normalize by |w||v| so that the cusp test is not swamped by the scale of the null vectors
    return new double[] {0.5 * a / (norm(w) * norm(v) * norm(v)), wv / (norm(w) * norm(v))};
  }

  private static double norm(double[] x) {
    double s = 0;
    for (double v : x) s += v * v;
    return Math.sqrt(s);
  }

  private static double maxAbs(double[] x) {
    double m = 0;
    for (double v : x) m = Math.max(m, Math.abs(v));
    return m;
  }
}
