package org.effdyn.model.generic;

/**
 * The drift with its corrector from the moment table ({@link GenericLimit}):
 * \[ h_m = \kappa(-M_t - \beta m),\quad
 *    h_{R^\perp} = \kappa\big(-(M_Z + M_Z^T) - 2\beta R^\perp + \tfrac{c_\delta}{\lambda} M_{gg}\big),\quad
 *    h_\theta = -\kappa\tfrac{c_\theta}{c_\delta}(M_\gamma + \beta_\theta\theta), \]
 * with M_t = Σ_c p_c E_c[g] t̄_cᵀ + E[g ηᵀ] C_tᵀ and M_Z = E[g ηᵀ] C_Zᵀ ({@link NoiseReduction}), or, for
 * {@link GenericOptions.Form#STEIN}, the Stein forms Cov(t_b, s_e) = m_eb/λ and Cov(Z⊥_b, s_f) = R⊥_fb/λ
 * with E[H]. h is affine in the moments, so a replicate's moments give that replicate's drift. One per
 * thread; allocation-free.
 */
final class DriftAssembly {
  private final LimitSetup setup;
  private final NoiseReduction red;
  private final MomentTable moments;
  private final StatisticsLayout stats;
  private final GenericOptions options;
  private final int p;
  private final int q;
  private final int k0;
  private final int classes;
  private final int rMax;
  private final int momentSize;
  private final boolean stein;
  private final double[][] tbar;

  DriftAssembly(LimitSetup s, NoiseReduction red, MomentTable moments) {
    this.setup = s;
    this.red = red;
    this.moments = moments;
    this.stats = s.stats;
    this.options = s.options;
    this.p = s.p;
    this.q = s.q;
    this.k0 = s.k0;
    this.classes = s.classes;
    this.rMax = s.rMax;
    this.momentSize = s.momentSize;
    this.stein = s.stein;
    this.tbar = s.tbar;
  }

  /** h from the moments summed over all replicates. */
  void total(double[] out) {
    assemble(moments.total, 0, 1.0, out);
  }

  /** h from replicate k of the randomized rule rd alone (its moments over its own weight sum). */
  void replicate(int k, RuleNodes rd, double[] out) {
    double rw = 0;
    for (int i = k * rd.perReplicate(); i < (k + 1) * rd.perReplicate(); i++) rw += rd.weights()[i];
    assemble(moments.acc, k * momentSize, 1 / rw, out);
  }

  /** h from the moment vector mom[off ..] scaled by f. */
  private void assemble(double[] mom, int off, double f, double[] out) {
    int r = red.r;
    double[][] m = red.m;
    double[][] rp = red.rp;
    double[][] cm = red.cm;
    double[] theta = red.theta;
    double kappa = setup.kappa;
    double invLambda = setup.invLambda;
    double corrector = setup.corrector;
    int etaOff = off + classes * p;
    int ggOff = etaOff + p * rMax;
    int thOff = ggOff + p * p;
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < q; b++) {
        double mt = 0;
        for (int c = 0; c < classes; c++) mt += mom[off + c * p + a] * tbar[c][b];
        if (stein) {
          // Stein: Cov(t_b, s_e) = m_eb/λ
          for (int e = 0; e < p; e++) mt += invLambda * mom[thOff + k0 + a * p + e] * m[e][b];
        } else {
          for (int j = 0; j < r; j++) mt += mom[etaOff + a * rMax + j] * cm[p + b][j];
        }
        out[stats.m(a, b)] = kappa * (-f * mt - options.beta() * m[a][b]);
      }
    }
    for (int a = 0; a < p; a++) {
      for (int e = a; e < p; e++) {
        double mz = 0;
        if (stein) {
          // Stein: Cov(Z⊥_b, s_f) = R⊥_fb/λ
          for (int f2 = 0; f2 < p; f2++) {
            mz += invLambda * (mom[thOff + k0 + a * p + f2] * rp[f2][e] + mom[thOff + k0 + e * p + f2] * rp[f2][a]);
          }
        } else {
          for (int j = 0; j < r; j++) {
            mz += mom[etaOff + a * rMax + j] * cm[p + q + e][j] + mom[etaOff + e * rMax + j] * cm[p + q + a][j];
          }
        }
        double gg = mom[ggOff + a * p + e];
        out[stats.rperp(a, e)] = kappa * (-f * mz - 2 * options.beta() * rp[a][e] + corrector * f * gg);
      }
    }
    double ratio = options.cTheta() / options.cDelta();
    for (int j = 0; j < k0; j++) {
      out[stats.theta(j)] = -kappa * ratio * (f * mom[thOff + j] + options.betaTheta() * theta[j]);
    }
  }
}
