package org.effdyn.analysis;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.complex.Complex;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.FieldVector;

/**
 * Linear stability of a fixed point u* of du/dt = h(u) from the eigenvalues μ of J = Dh(u*)
 * (Hartman–Grobman: the linearization decides when no Re μ is zero). An eigenvalue with
 * |Re μ| &lt;= tol · max(1, max|μ|) counts as zero, so the point is then non-hyperbolic.
 *
 * @param eigenvalues        the eigenvalues of J, sorted by decreasing real part
 * @param kind               the classification
 * @param unstableDirections for each eigenvalue with Re μ &gt; 0 (in the order of eigenvalues), the
 *                           real part of its eigenvector, normalized to unit length (for a complex
 *                           pair the real and imaginary parts span the unstable plane; both are given)
 */
public record Stability(Complex[] eigenvalues, Kind kind, List<double[]> unstableDirections) {
  /** Relative threshold below which a real part counts as zero. */
  public static final double ZERO_TOL = 1e-9;

  /** Classification of a fixed point. */
  public enum Kind {
    /** All Re μ &lt; 0, all μ real. */
    STABLE_NODE,
    /** All Re μ &lt; 0, some μ complex. */
    STABLE_FOCUS,
    /** All Re μ &gt; 0, all μ real. */
    UNSTABLE_NODE,
    /** All Re μ &gt; 0, some μ complex. */
    UNSTABLE_FOCUS,
    /** Re μ of both signs, none zero. */
    SADDLE,
    /** Some Re μ is zero: linearization does not decide (a bifurcation, or a line of fixed points). */
    NON_HYPERBOLIC;

    /** Lower-case name with '-' for output files, e.g. {@code stable-node}. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Stable node or focus: an attractor. */
    public boolean attracting() {
      return this == STABLE_NODE || this == STABLE_FOCUS;
    }
  }

  public Stability {
    eigenvalues = eigenvalues.clone();
    unstableDirections = List.copyOf(unstableDirections);
  }

  @Override
  public Complex[] eigenvalues() {
    return eigenvalues.clone();
  }

  /** Largest real part (the growth rate of the leading mode). */
  public double maxRealPart() {
    return eigenvalues[0].getReal();
  }

  /** Number of eigenvalues with Re μ &gt; 0 (the Morse index). */
  public int unstableCount() {
    return unstableDirections.size();
  }

  /** Classifies the Jacobian jac (not modified). */
  public static Stability of(double[][] jac) {
    return of(jac, 0);
  }

  /**
   * Classifies jac, counting |Re μ| &lt;= max(ZERO_TOL · max(1, max|μ|), absoluteZero) as zero. A root
   * known only to within δ has eigenvalues known only to within about |h''| δ: a fixed-point finder
   * passes that scale so that a degenerate root (J = 0 there, Newton stopping short of it) is reported
   * as non-hyperbolic rather than with meaningless signs.
   */
  public static Stability of(double[][] jac, double absoluteZero) {
    int n = jac.length;
    double size = 0;
    for (double[] row : jac) for (double x : row) size = Math.max(size, Math.abs(x));
    if (size == 0) { // Hipparchus 4.0.3's Schur step fails on the zero matrix; every eigenvalue is 0
      Complex[] zeros = new Complex[n];
      java.util.Arrays.fill(zeros, Complex.ZERO);
      return new Stability(zeros, Kind.NON_HYPERBOLIC, List.of());
    }
    Eigen eig = eigen(jac, size);
    Complex[] mu = eig.values();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> {
      int c = Double.compare(mu[b].getReal(), mu[a].getReal());
      return c != 0 ? c : Double.compare(mu[b].getImaginary(), mu[a].getImaginary());
    });
    Complex[] sorted = new Complex[n];
    double scale = 1;
    for (int i = 0; i < n; i++) {
      sorted[i] = mu[order[i]];
      scale = Math.max(scale, sorted[i].norm());
    }
    double tol = Math.max(ZERO_TOL * scale, absoluteZero);
    int pos = 0, neg = 0, zero = 0;
    boolean complex = false;
    List<double[]> unstable = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double re = sorted[i].getReal();
      if (Math.abs(sorted[i].getImaginary()) > tol) complex = true;
      if (Math.abs(re) <= tol) {
        zero++;
      } else if (re > 0) {
        pos++;
        unstable.add(direction(eig.vectors().apply(order[i]), sorted[i].getImaginary() < 0));
      } else {
        neg++;
      }
    }
    Kind kind;
    if (zero > 0) kind = Kind.NON_HYPERBOLIC;
    else if (pos > 0 && neg > 0) kind = Kind.SADDLE;
    else if (pos > 0) kind = complex ? Kind.UNSTABLE_FOCUS : Kind.UNSTABLE_NODE;
    else kind = complex ? Kind.STABLE_FOCUS : Kind.STABLE_NODE;
    return new Stability(sorted, kind, unstable);
  }

  /** Eigenvalues and eigenvectors (by index) of a real matrix. */
  record Eigen(Complex[] values, java.util.function.IntFunction<FieldVector<Complex>> vectors) {}

  /**
   * Eigen-decomposition of jac: Hipparchus' {@code EigenDecompositionNonSymmetric} (Hessenberg–Schur,
   * then back-substitution for the vectors). Its Schur step can fail to converge ("convergence failed")
   * on a matrix with entries of very different sizes, as a finite-difference Jacobian near a boundary
   * of the domain has; it is then retried on jac/size (same vectors, values scaled back), and last with
   * {@code ComplexEigenDecomposition}.
   */
  static Eigen eigen(double[][] jac, double size) {
    try {
      EigenDecompositionNonSymmetric e = new EigenDecompositionNonSymmetric(new Array2DRowRealMatrix(jac, true));
      return new Eigen(e.getEigenvalues(), e::getEigenvector);
    } catch (org.hipparchus.exception.MathIllegalStateException notConverged) {
      try {
        EigenDecompositionNonSymmetric e = new EigenDecompositionNonSymmetric(
            new Array2DRowRealMatrix(jac, true).scalarMultiply(1 / size));
        Complex[] mu = e.getEigenvalues();
        for (int i = 0; i < mu.length; i++) mu[i] = mu[i].multiply(size);
        return new Eigen(mu, e::getEigenvector);
      } catch (org.hipparchus.exception.MathIllegalStateException stillNot) {
        org.hipparchus.linear.ComplexEigenDecomposition e =
            new org.hipparchus.linear.ComplexEigenDecomposition(new Array2DRowRealMatrix(jac, true));
        return new Eigen(e.getEigenvalues(), e::getEigenvector);
      }
    }
  }

  /** Real part (or, for the second of a conjugate pair, the imaginary part) of v, unit length, first non-zero entry positive. */
  private static double[] direction(FieldVector<Complex> v, boolean imaginaryPart) {
    double[] d = new double[v.getDimension()];
    double norm = 0;
    for (int i = 0; i < d.length; i++) {
      d[i] = imaginaryPart ? v.getEntry(i).getImaginary() : v.getEntry(i).getReal();
      norm += d[i] * d[i];
    }
    norm = Math.sqrt(norm);
    if (norm == 0) return d;
    double sign = 1;
    for (double x : d) {
      if (Math.abs(x) > 1e-12 * norm) {
        sign = Math.signum(x);
        break;
      }
    }
    for (int i = 0; i < d.length; i++) d[i] = sign * d[i] / norm;
    return d;
  }
}
