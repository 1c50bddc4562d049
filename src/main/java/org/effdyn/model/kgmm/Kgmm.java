package org.effdyn.model.kgmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effdyn.core.Check;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.Model;
import org.effdyn.core.ParameterException;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.StateLayout;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * The k-GMM softmax classifier (docs/kgmm.md): data Y = μ_c + Z, class c ~ p, Z ~ N(0, I_d/λ); loss
 * -x^c·Y + log Σ_a exp(x^a·Y); statistics m_ab = x^a·μ_b and R⊥_ab = x^{a,⊥}·x^{b,⊥}.
 *
 * @param k         number of classes, k &gt;= 2
 * @param p         class weights p_a in (0, 1), summing to 1 (card: {@code p}; default uniform)
 * @param mbar      Gram matrix m̄_ab = μ_a·μ_b of the means: symmetric, unit diagonal, positive
 *                  definite (card: {@code mbar}; default the identity, orthonormal means)
 * @param lambda    SNR λ &gt; 0, the inverse noise variance; +∞ selects the zero-noise limit
 * @param beta      L2 penalty β &gt; 0, applied inside the step: x ← x - δ(∇L + βx)
 * @param cDelta    step-size constant c_δ &gt; 0, δ = c_δ/d
 * @param quadratureNodes node budget of the finite-λ drift's k-dimensional Gaussian integrals
 *                  (card: {@code quadrature_nodes}); see {@link KgmmFinite#defaultRule}
 */
public record Kgmm(int k, double[] p, double[][] mbar, double lambda, double beta, double cDelta,
    int quadratureNodes) implements Model {

  public Kgmm {
    Check.atLeast("k", k, 2);
    if (p == null) p = uniform(k);
    Check.length("p", p, k);
    double sum = 0;
    for (int a = 0; a < k; a++) {
      if (!(p[a] > 0 && p[a] < 1)) {
        throw new ParameterException("p[" + (a + 1) + "]", p[a], "must be in (0, 1), got " + p[a]);
      }
      sum += p[a];
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new ParameterException("p", p, "must sum to 1, got " + sum + " for p = " + Arrays.toString(p));
    }
    p = p.clone();
    mbar = mbar == null ? identity(k) : checkGram(mbar, k);
    Check.positiveOrInfinite("lambda", lambda);
    Check.positiveFinite("beta", beta);
    Check.positiveFinite("c_delta", cDelta);
    Check.atLeast("quadrature_nodes", quadratureNodes, 16);
  }

  /** Uniform weights, orthonormal means, 4096 quadrature nodes. */
  public Kgmm(int k, double lambda, double beta, double cDelta) {
    this(k, null, null, lambda, beta, cDelta, 4096);
  }

  @Override
  public double[] p() {
    return p.clone();
  }

  @Override
  public double[][] mbar() {
    double[][] c = new double[k][];
    for (int a = 0; a < k; a++) c[a] = mbar[a].clone();
    return c;
  }

  public Kgmm withLambda(double v) {
    return new Kgmm(k, p, mbar, v, beta, cDelta, quadratureNodes);
  }

  /** Layout {@code m[a,b]} (k x k), then {@code Rperp[a,b]} (a &lt;= b). */
  public StateLayout layout() {
    return StateLayout.builder().matrix("m", k, k).symmetric("Rperp", k).build();
  }

  /** True if the means are orthonormal (m̄ = I). */
  public boolean orthonormalMeans() {
    for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) if (mbar[a][b] != (a == b ? 1 : 0)) return false;
    return true;
  }

  @Override
  public String name() {
    return "kgmm";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("k", k);
    m.put("p", p.clone());
    m.put("mbar", mbar());
    m.put("lambda", Double.isInfinite(lambda) ? "inf" : lambda);
    m.put("beta", beta);
    m.put("c_delta", cDelta);
    m.put("quadrature_nodes", quadratureNodes);
    return m;
  }

  /** Finite λ: {@link KgmmFinite}; λ = ∞: {@link KgmmInfinite}. The k-GMM has no diffusive limit. */
  @Override
  public Dynamics limit(Regime regime) {
    if (regime != Regime.BALLISTIC) {
      throw new IllegalArgumentException("regime: kgmm has only a ballistic limit (docs/kgmm.md), got " + regime.key());
    }
    return Double.isInfinite(lambda) ? new KgmmInfinite(this) : new KgmmFinite(this);
  }

  /**
   * x^a ~ N(0, I_d/d) i.i.d. gives m → 0 and R⊥ → I; at finite d m_ab(0) ~ N(0, 1/d).
   * Unlike PCA, m = 0 is no trap: dm/dt(0) = p_a δ_ab - p_b/k for orthonormal means.
   */
  @Override
  public InitialLaw initialLaw(Regime regime) {
    StateLayout l = layout();
    double[] u = new double[l.size()];
    for (int a = 0; a < k; a++) u[l.block("Rperp").index(a, a)] = 1.0;
    return InitialLaw.pointMass(l, u);
  }

  @Override
  public SgdSimulator simulator(int d, Regime regime) {
    if (regime != Regime.BALLISTIC) {
      throw new IllegalArgumentException("regime: kgmm has only a ballistic limit (docs/kgmm.md), got " + regime.key());
    }
    return new KgmmSimulator(this, d);
  }

  /**
   * Summaries for charts and CSVs: {@code m_diag} = mean of m_aa, {@code m_offdiag} = mean of m_ab
   * (a ≠ b), {@code tr_Rperp} = trace of R⊥.
   */
  @Override
  public java.util.Optional<org.effdyn.core.DerivedColumns> derivedColumns() {
    StateLayout.Block rp = layout().block("Rperp");
    return java.util.Optional.of(new org.effdyn.core.DerivedColumns() {
      @Override public List<String> names() {
        return List.of("m_diag", "m_offdiag", "tr_Rperp");
      }

      @Override public void compute(double[] u, double[] out) {
        double diag = 0, off = 0, tr = 0;
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            if (a == b) diag += u[a * k + b]; else off += u[a * k + b];
          }
          tr += u[rp.index(a, a)];
        }
        out[0] = diag / k;
        out[1] = off / (k * (k - 1));
        out[2] = tr;
      }
    });
  }

  @Override
  public List<String> chartColumns(Regime regime) {
    return List.of("m_diag", "m_offdiag", "tr_Rperp");
  }

  static double[] uniform(int k) {
    double[] p = new double[k];
    Arrays.fill(p, 1.0 / k);
    return p;
  }

  static double[][] identity(int k) {
    double[][] m = new double[k][k];
    for (int a = 0; a < k; a++) m[a][a] = 1;
    return m;
  }

  private static double[][] checkGram(double[][] mbar, int k) {
    if (mbar.length != k) throw new ParameterException("mbar", mbar, "must be " + k + "x" + k + ", got " + mbar.length + " rows");
    double[][] c = new double[k][];
    for (int a = 0; a < k; a++) {
      if (mbar[a].length != k) {
        throw new ParameterException("mbar", mbar, "must be " + k + "x" + k + ", row " + (a + 1) + " has " + mbar[a].length + " entries");
      }
      c[a] = Check.allFinite("mbar row " + (a + 1), mbar[a].clone());
    }
    for (int a = 0; a < k; a++) {
      if (Math.abs(c[a][a] - 1) > 1e-12) {
        throw new ParameterException("mbar[" + (a + 1) + "," + (a + 1) + "]", c[a][a], "must be 1 (unit means), got " + c[a][a]);
      }
      for (int b = 0; b < a; b++) {
        if (Math.abs(c[a][b] - c[b][a]) > 1e-12) {
          throw new ParameterException("mbar", mbar, "must be symmetric, got mbar[" + (a + 1) + "," + (b + 1) + "] = "
              + c[a][b] + " and mbar[" + (b + 1) + "," + (a + 1) + "] = " + c[b][a]);
        }
      }
    }
    try {
      new CholeskyDecomposition(MatrixUtils.createRealMatrix(c), 1e-12, 1e-10);
    } catch (RuntimeException e) {
      throw new ParameterException("mbar", mbar, "must be positive definite (linearly independent means), got "
          + Arrays.deepToString(c), e);
    }
    return c;
  }

  @Override
  public String toString() {
    List<String> s = new ArrayList<>();
    parameters().forEach((key, v) -> s.add(key + "=" + (v instanceof double[] a ? Arrays.toString(a)
        : v instanceof double[][] m ? Arrays.deepToString(m) : v)));
    return "Kgmm" + s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Kgmm g && g.k == k && Arrays.equals(g.p, p) && Arrays.deepEquals(g.mbar, mbar)
        && Double.compare(g.lambda, lambda) == 0 && Double.compare(g.beta, beta) == 0
        && Double.compare(g.cDelta, cDelta) == 0 && g.quadratureNodes == quadratureNodes;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(p) * 31 + Arrays.deepHashCode(mbar) + Double.hashCode(lambda) + k;
  }
}
