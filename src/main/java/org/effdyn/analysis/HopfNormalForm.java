package org.effdyn.analysis;

import org.effdyn.core.Dynamics;
import org.hipparchus.complex.Complex;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.FieldVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * The first Lyapunov coefficient l₁ of a Hopf point x₀ (A = Dh(x₀) with eigenvalues ±iω, ω &gt; 0), by
 * Kuznetsov's invariant formula (Kuznetsov, <i>Elements of Applied Bifurcation Theory</i>, 3rd ed. 2004,
 * eq. (3.20)):
 * \[ l_1 = \frac{1}{2\omega}\,\mathrm{Re}\Big[\langle p, C(q,q,\bar q)\rangle
 *    - 2\langle p, B(q, A^{-1}B(q,\bar q))\rangle
 *    + \langle p, B(\bar q, (2i\omega I - A)^{-1}B(q,q))\rangle\Big], \]
 * with Aq = iωq, Aᵀp = −iωp, ⟨q, q⟩ = ⟨p, q⟩ = 1, ⟨a, b⟩ = āᵀb, and B, C the second and third
 * derivatives of h at x₀ as multilinear forms. l₁ &lt; 0: supercritical (a stable cycle of radius
 * ≈ √(−Re λ'(α)α/l₁) is born on the side where the equilibrium is unstable); l₁ &gt; 0: subcritical.
 * The sign does not depend on coordinates; the value does, through the normalization ⟨q, q⟩ = 1 (the
 * one of Kuznetsov and MatCont): with x = Mz it is divided by |Mq_z|². For x' = αx − ωy + σx(x² + y²),
 * y' = ωx + αy + σy(x² + y²), i.e. ż = (α + iω)z + σz|z|² in z = x + iy, q = (1, −i)/√2 makes
 * z = √2 w, so w' = iωw + 2σw|w|² and l₁ = 2σ/ω.
 *
 * <p>Eigenvectors by Hipparchus ({@code EigenDecompositionNonSymmetric}, of A and Aᵀ), linear solves by LU
 * (the complex system (2iωI − A)z = b as a real system of size 2n). B and C are hand-written central
 * differences of h, because Hipparchus has no multilinear forms of a black-box vector field:
 * \[ B(u,v) \approx \tfrac{1}{4\epsilon^2}\sum_{s,t=\pm1} st\, h(x_0 + \epsilon(su + tv)),\qquad
 *    C(u,v,w) \approx \tfrac{1}{8\epsilon^3}\sum_{s,t,r=\pm1} str\, h(x_0 + \epsilon(su + tv + rw)), \]
 * both O(ε²) accurate, with ε = 1e-4 (B) and 2e-3 (C) times max(1, |x₀|) for unit u, v, w (truncation
 * and rounding balance at about 1e-8 and 1e-7 relative for a smooth h of size one); complex arguments
 * are expanded by multilinearity.
 */
public final class HopfNormalForm {
  private HopfNormalForm() {}

  /** ω and l₁ at a Hopf point. */
  public record Result(double frequency, double firstLyapunov) {}

  /**
   * l₁ at x₀; the Hopf pair is the eigenvalue pair of A closest to the imaginary axis among those with
   * Im μ &gt; 0.
   *
   * @throws IllegalArgumentException if A has no complex eigenvalue pair
   */
  public static Result at(Dynamics dyn, double[] x0) {
    int n = x0.length;
    double[][] a = Jacobians.at(dyn, x0);
    RealMatrix am = new Array2DRowRealMatrix(a, false);
    EigenDecompositionNonSymmetric e = new EigenDecompositionNonSymmetric(am);
    Complex[] mu = e.getEigenvalues();
    int k = -1;
    for (int i = 0; i < n; i++) {
      if (mu[i].getImaginary() > 1e-10 && (k < 0 || Math.abs(mu[i].getReal()) < Math.abs(mu[k].getReal()))) k = i;
    }
    if (k < 0) throw new IllegalArgumentException("no complex eigenvalue pair at the point: not a Hopf point");
    double omega = mu[k].getImaginary();
    Complex[] q = toArray(e.getEigenvector(k));
    EigenDecompositionNonSymmetric et = new EigenDecompositionNonSymmetric(am.transpose());
    Complex[] mt = et.getEigenvalues();
    int kt = -1;
    for (int i = 0; i < n; i++) {
      if (kt < 0 || mt[i].subtract(new Complex(mu[k].getReal(), -omega)).norm()
          < mt[kt].subtract(new Complex(mu[k].getReal(), -omega)).norm()) kt = i;
    }
    Complex[] p = toArray(et.getEigenvector(kt));
    scale(q, Complex.ONE.divide(new Complex(Math.sqrt(dot(q, q).getReal()), 0)));
    scale(p, Complex.ONE.divide(dot(p, q).conjugate()));
    Complex[] qb = conj(q);
    double eps2 = 1e-4 * Math.max(1, maxAbs(x0));
    double eps3 = 2e-3 * Math.max(1, maxAbs(x0));

    Complex[] c3 = multilinear(dyn, x0, eps3, q, q, qb);
    Complex[] bqqb = multilinear(dyn, x0, eps2, q, qb);
    double[] re = new double[n];
    for (int i = 0; i < n; i++) re[i] = bqqb[i].getReal(); // B(q, q̄) is real
    double[] s1 = new LUDecomposition(am).getSolver().solve(new ArrayRealVector(re, false)).toArray();
    Complex[] r1 = multilinear(dyn, x0, eps2, q, real(s1));
    Complex[] bqq = multilinear(dyn, x0, eps2, q, q);
    Complex[] s2 = solveShifted(a, 2 * omega, bqq);
    Complex[] r2 = multilinear(dyn, x0, eps2, qb, s2);
    Complex sum = dot(p, c3).subtract(dot(p, r1).multiply(2)).add(dot(p, r2));
    return new Result(omega, sum.getReal() / (2 * omega));
  }

  /** z with (iwI − A)z = b, as the real system [[−A, −wI], [wI, −A]] (x, y) = (Re b, Im b). */
  private static Complex[] solveShifted(double[][] a, double w, Complex[] b) {
    int n = a.length;
    double[][] m = new double[2 * n][2 * n];
    double[] rhs = new double[2 * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = -a[i][j];
        m[n + i][n + j] = -a[i][j];
      }
      m[i][n + i] = -w;
      m[n + i][i] = w;
      rhs[i] = b[i].getReal();
      rhs[n + i] = b[i].getImaginary();
    }
    DecompositionSolver s = new LUDecomposition(new Array2DRowRealMatrix(m, false)).getSolver();
    double[] xy = s.solve(new ArrayRealVector(rhs, false)).toArray();
    Complex[] z = new Complex[n];
    for (int i = 0; i < n; i++) z[i] = new Complex(xy[i], xy[n + i]);
    return z;
  }

  /** D^k h(x₀)[v₁, ..., v_k] for complex v (k = 2 or 3), expanded into real forms by multilinearity. */
  static Complex[] multilinear(Dynamics dyn, double[] x0, double eps, Complex[]... v) {
    int n = x0.length;
    int k = v.length;
    Complex[] out = new Complex[n];
    java.util.Arrays.fill(out, Complex.ZERO);
    for (int mask = 0; mask < (1 << k); mask++) {
      double[][] args = new double[k][n];
      Complex coef = Complex.ONE;
      boolean zero = false;
      for (int j = 0; j < k; j++) {
        boolean imag = ((mask >> j) & 1) == 1;
        double norm = 0;
        for (int i = 0; i < n; i++) {
          args[j][i] = imag ? v[j][i].getImaginary() : v[j][i].getReal();
          norm = Math.max(norm, Math.abs(args[j][i]));
        }
        if (norm == 0) zero = true;
        if (imag) coef = coef.multiply(Complex.I);
      }
      if (zero) continue;
      double[] f = realForm(dyn, x0, eps, args);
      for (int i = 0; i < n; i++) out[i] = out[i].add(coef.multiply(f[i]));
    }
    return out;
  }

  /** The real k-linear form (k = 2, 3) by the central difference of the class comment, each argument scaled to unit max norm. */
  static double[] realForm(Dynamics dyn, double[] x0, double eps, double[][] args) {
    int n = x0.length;
    int k = args.length;
    double[] scales = new double[k];
    for (int j = 0; j < k; j++) scales[j] = maxAbs(args[j]);
    double[] acc = new double[n];
    double[] x = new double[n];
    double[] h = new double[n];
    for (int signs = 0; signs < (1 << k); signs++) {
      double sign = 1;
      System.arraycopy(x0, 0, x, 0, n);
      for (int j = 0; j < k; j++) {
        double s = ((signs >> j) & 1) == 0 ? 1 : -1;
        sign *= s;
        for (int i = 0; i < n; i++) x[i] += s * eps * args[j][i] / scales[j];
      }
      dyn.drift(x, h);
      for (int i = 0; i < n; i++) acc[i] += sign * h[i];
    }
    double f = Math.pow(2 * eps, k);
    for (int j = 0; j < k; j++) f /= scales[j];
    for (int i = 0; i < n; i++) acc[i] /= f;
    return acc;
  }

  private static Complex[] toArray(FieldVector<Complex> v) {
    Complex[] out = new Complex[v.getDimension()];
    for (int i = 0; i < out.length; i++) out[i] = v.getEntry(i);
    return out;
  }

  private static Complex[] real(double[] x) {
    Complex[] out = new Complex[x.length];
    for (int i = 0; i < x.length; i++) out[i] = new Complex(x[i], 0);
    return out;
  }

  private static Complex[] conj(Complex[] x) {
    Complex[] out = new Complex[x.length];
    for (int i = 0; i < x.length; i++) out[i] = x[i].conjugate();
    return out;
  }

  /** ⟨a, b⟩ = āᵀb. */
  private static Complex dot(Complex[] a, Complex[] b) {
    Complex s = Complex.ZERO;
    for (int i = 0; i < a.length; i++) s = s.add(a[i].conjugate().multiply(b[i]));
    return s;
  }

  private static void scale(Complex[] a, Complex f) {
    for (int i = 0; i < a.length; i++) a[i] = a[i].multiply(f);
  }

  private static double maxAbs(double[] x) {
    double m = 0;
    for (double v : x) m = Math.max(m, Math.abs(v));
    return m;
  }
}
