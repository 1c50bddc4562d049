package org.effdyn.model.committee;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.effdyn.core.Check;
import org.effdyn.core.DerivedColumns;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.Model;
import org.effdyn.core.ParameterException;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.StateLayout;
import org.effdyn.model.common.Activation;

/**
 * Committee machine on hidden-manifold inputs (docs/committee.md; Goldt et al., Phys. Rev. X 2020,
 * arXiv:1909.11500; Bae &amp; Jeong 2024, arXiv:2405.00642, §II and appendix B): latent c ~ N(0, I_D),
 * X = f(Fᵀc/√D) with odd f, teacher on the latent ν_m = W̃_m·c/√D with i.i.d. N(0, 1) W̃ (T → I),
 * student λ_k = W_k·X/√N, the committee's online SGD with X in place of x, t = steps/N,
 * δ_r = D/N ∈ (0, 1], labels y = Σ_m v*_m g(ν_m) + σ₀ζ with ζ ~ N(0, 1) (σ₀ = 0 is Bae &amp; Jeong's
 * setting). No decay or output normalization.
 *
 * <p>State ({@link HiddenManifoldOde}): Ω, v, and the densities r_km(ρ_q), σ_kl(ρ_q) on an n-node
 * Marchenko–Pastur quadrature ({@link MarchenkoPastur#rule}); teacher density t(ρ) = I. Derived
 * columns: Q[k,l] (k ≤ l), R[k,m], eps_g.
 *
 * @param hiddenUnits K ≥ 1 (card {@code K})
 * @param teacherUnits M ≥ 1 (card {@code M})
 * @param activation g = g̃: erf, relu or linear (card {@code activation})
 * @param inputNonlinearity f: sgn, erf or linear (card {@code f})
 * @param deltaR δ_r = D/N ∈ (0, 1] (card {@code delta_r})
 * @param vstar v* (length M, card {@code vstar}; default ones)
 * @param v0 v at t = 0 (length K, card {@code v0}; default ones)
 * @param eta η &gt; 0 (card {@code eta}; Bae &amp; Jeong's γ)
 * @param etaV η_v ≥ 0; 0 freezes v (card {@code eta_v})
 * @param sigma0 σ₀ ≥ 0, label noise of the training labels; ε_g stays noise-free (card {@code sigma0})
 * @param sigmaW σ_w &gt; 0, W(0) ~ N(0, σ_w²) (card {@code sigma_w})
 * @param initN 0: N → ∞ point mass (Ω = σ_w², σ_kl(ρ) = σ_w² ρ δ_kl, r = 0: symmetric, never
 *              specializes for equal v0); N ≥ 2: one draw of a fresh SGD state at N, binned onto
 *              the nodes (card {@code init_n})
 * @param rhoNodes n ≥ 2 nodes of the ρ quadrature (card {@code rho_nodes})
 * @param quadratureNodes node budget (≥ 16) of the (K+M)-dimensional randomized-QMC integral that replaces
 *                        the missing ReLU I4 closed form (card {@code quadrature_nodes}); unused otherwise
 */
public record HiddenManifoldCommittee(int hiddenUnits, int teacherUnits, Activation activation,
    InputNonlinearity inputNonlinearity, double deltaR, double[] vstar, double[] v0, double eta, double etaV,
    double sigma0, double sigmaW, int initN, int rhoNodes, int quadratureNodes) implements Model {

  /** Default {@code quadrature_nodes}: 16 randomized-QMC replicates of 1024 Sobol points. */
  public static final int DEFAULT_QUADRATURE_NODES = 16384;

  public HiddenManifoldCommittee {
    Check.atLeast("K", hiddenUnits, 1);
    Check.atLeast("M", teacherUnits, 1);
    if (activation == null) throw new ParameterException("activation", null, "must be given");
    if (!ActivationIntegrals.SUPPORTED.contains(activation)) {
      throw new ParameterException("params.activation", activation.key(), "committee-hmf supports erf, relu and linear, got " + activation.key());
    }
    if (inputNonlinearity == null) throw new ParameterException("f", null, "must be given");
    MarchenkoPastur.checkRatio(deltaR);
    vstar = vstar == null ? Committee.ones(teacherUnits) : Check.allFinite("vstar", Check.length("vstar", vstar, teacherUnits).clone());
    v0 = v0 == null ? Committee.ones(hiddenUnits) : Check.allFinite("v0", Check.length("v0", v0, hiddenUnits).clone());
    Check.positiveFinite("eta", eta);
    Check.nonNegativeFinite("eta_v", etaV);
    Check.nonNegativeFinite("sigma0", sigma0);
    Check.positiveFinite("sigma_w", sigmaW);
    if (initN != 0) Check.atLeast("init_n", initN, 2);
    Check.atLeast("rho_nodes", rhoNodes, 2);
    Check.atLeast("quadrature_nodes", quadratureNodes, 16);
  }

  /** Noiseless labels (σ₀ = 0) and the default ReLU quadrature budget. */
  public HiddenManifoldCommittee(int hiddenUnits, int teacherUnits, Activation activation, InputNonlinearity inputNonlinearity,
      double deltaR, double[] vstar, double[] v0, double eta, double etaV, double sigmaW, int initN, int rhoNodes) {
    this(hiddenUnits, teacherUnits, activation, inputNonlinearity, deltaR, vstar, v0, eta, etaV, 0, sigmaW, initN, rhoNodes,
        DEFAULT_QUADRATURE_NODES);
  }

  /** Erf student and teacher, f = sgn, v = v* = 1 frozen, σ_w = 1, 32 nodes. */
  public static HiddenManifoldCommittee sgn(int k, int m, double deltaR, double eta) {
    return new HiddenManifoldCommittee(k, m, Activation.ERF, InputNonlinearity.SGN, deltaR, null, null, eta, 0, 1, 0, 32);
  }

  public HiddenManifoldCommittee withInput(InputNonlinearity f) {
    return new HiddenManifoldCommittee(hiddenUnits, teacherUnits, activation, f, deltaR, vstar, v0, eta, etaV, sigma0, sigmaW, initN, rhoNodes, quadratureNodes);
  }

  public HiddenManifoldCommittee withActivation(Activation g) {
    return new HiddenManifoldCommittee(hiddenUnits, teacherUnits, g, inputNonlinearity, deltaR, vstar, v0, eta, etaV, sigma0, sigmaW, initN, rhoNodes, quadratureNodes);
  }

  public HiddenManifoldCommittee withSecondLayer(double[] v, double rate) {
    return new HiddenManifoldCommittee(hiddenUnits, teacherUnits, activation, inputNonlinearity, deltaR, vstar, v, eta, rate, sigma0, sigmaW, initN, rhoNodes, quadratureNodes);
  }

  public HiddenManifoldCommittee withLabelNoise(double s0) {
    return new HiddenManifoldCommittee(hiddenUnits, teacherUnits, activation, inputNonlinearity, deltaR, vstar, v0, eta, etaV, s0, sigmaW, initN, rhoNodes, quadratureNodes);
  }

  public HiddenManifoldCommittee withInit(double sw, int n) {
    return new HiddenManifoldCommittee(hiddenUnits, teacherUnits, activation, inputNonlinearity, deltaR, vstar, v0, eta, etaV, sigma0, sw, n, rhoNodes, quadratureNodes);
  }

  @Override
  public double[] vstar() {
    return vstar.clone();
  }

  @Override
  public double[] v0() {
    return v0.clone();
  }

  /** Quadrature nodes ρ_q. */
  public double[] nodes() {
    return MarchenkoPastur.rule(deltaR, rhoNodes)[0];
  }

  /** Quadrature weights (sum 1). */
  public double[] weights() {
    return MarchenkoPastur.rule(deltaR, rhoNodes)[1];
  }

  public StateLayout layout() {
    return HiddenManifoldOde.layout(hiddenUnits, teacherUnits, rhoNodes);
  }

  @Override
  public String name() {
    return "committee-hmf";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("K", hiddenUnits);
    m.put("M", teacherUnits);
    m.put("activation", activation.key());
    m.put("f", inputNonlinearity.key());
    m.put("delta_r", deltaR);
    m.put("vstar", vstar.clone());
    m.put("v0", v0.clone());
    m.put("eta", eta);
    m.put("eta_v", etaV);
    m.put("sigma0", sigma0);
    m.put("sigma_w", sigmaW);
    m.put("init_n", initN);
    m.put("rho_nodes", rhoNodes);
    m.put("quadrature_nodes", quadratureNodes);
    return m;
  }

  /** The N → ∞ ODE on the Marchenko–Pastur quadrature. */
  @Override
  public HiddenManifoldOde limit(Regime regime) {
    requireBallistic(regime);
    double[][] r = MarchenkoPastur.rule(deltaR, rhoNodes);
    double[][][] t = new double[rhoNodes][][];
    for (int q = 0; q < rhoNodes; q++) t[q] = Committee.identity(teacherUnits);
    return new HiddenManifoldOde(hiddenUnits, teacherUnits, activation, inputNonlinearity.b(), inputNonlinearity.c(), deltaR,
        eta, etaV, vstar, r[0], r[1], t, sigma0, quadratureNodes);
  }

  @Override
  public InitialLaw initialLaw(Regime regime) {
    requireBallistic(regime);
    StateLayout l = layout();
    if (initN == 0) {
      double[] u = new double[l.size()];
      double[] rho = nodes();
      int sym = hiddenUnits * (hiddenUnits + 1) / 2;
      int sOff = l.block("sigma").offset();
      for (int k = 0; k < hiddenUnits; k++) {
        u[l.block("Omega").offset() + HiddenManifoldOde.sym(hiddenUnits, k, k)] = sigmaW * sigmaW;
        u[l.block("v").offset() + k] = v0[k];
        for (int q = 0; q < rhoNodes; q++) u[sOff + q * sym + HiddenManifoldOde.sym(hiddenUnits, k, k)] = sigmaW * sigmaW * rho[q];
      }
      return InitialLaw.pointMass(l, u);
    }
    return SgdSimulator.initialLawOf(l, () -> new HiddenManifoldSimulator(this, initN));
  }

  @Override
  public SgdSimulator simulator(int d, Regime regime) {
    requireBallistic(regime);
    return new HiddenManifoldSimulator(this, d);
  }

  /** Q[k,l] (k ≤ l), R[k,m], eps_g of a state. */
  @Override
  public Optional<DerivedColumns> derivedColumns() {
    HiddenManifoldOde ode = limit(Regime.BALLISTIC);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < hiddenUnits; i++) for (int j = i; j < hiddenUnits; j++) names.add("Q[" + (i + 1) + "," + (j + 1) + "]");
    for (int i = 0; i < hiddenUnits; i++) for (int n = 0; n < teacherUnits; n++) names.add("R[" + (i + 1) + "," + (n + 1) + "]");
    names.add("eps_g");
    int skipV = hiddenUnits;
    return Optional.of(new DerivedColumns() {
      final ThreadLocal<double[]> buf = ThreadLocal.withInitial(() -> new double[ode.reducedSize()]);

      @Override public List<String> names() {
        return names;
      }

      @Override public void compute(double[] u, double[] out) {
        double[] b = buf.get();
        ode.reduced(u, b);
        int qr = names.size() - 1;
        System.arraycopy(b, 0, out, 0, qr);
        out[qr] = b[qr + skipV];
      }
    });
  }

  @Override
  public List<String> chartColumns(Regime regime) {
    List<String> c = new ArrayList<>(List.of("eps_g", "R[1,1]"));
    if (teacherUnits >= 2) c.add("R[1,2]");
    c.add("Q[1,1]");
    if (hiddenUnits >= 2) {
      c.add("Q[1,2]");
      c.add("R[2,1]");
      if (teacherUnits >= 2) c.add("R[2,2]");
    }
    c.add("Omega[1,1]");
    if (etaV > 0) c.add("v[1]");
    return c;
  }

  @Override
  public boolean chartLogTime() {
    return true;
  }

  private static void requireBallistic(Regime regime) {
    if (regime != Regime.BALLISTIC) {
      throw new IllegalArgumentException("regime: committee-hmf has only a ballistic limit (docs/committee.md), got " + regime.key());
    }
  }

  @Override
  public String toString() {
    List<String> s = new ArrayList<>();
    parameters().forEach((key, v) -> s.add(key + "=" + (v instanceof double[] a ? Arrays.toString(a) : v)));
    return "HiddenManifoldCommittee" + s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HiddenManifoldCommittee c && c.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
