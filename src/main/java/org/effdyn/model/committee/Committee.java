package org.effdyn.model.committee;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.effdyn.core.Check;
import org.effdyn.core.DerivedColumns;
import org.effdyn.core.Dynamics;
import org.effdyn.core.HasCost;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.Model;
import org.effdyn.core.ParameterException;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.StateLayout;
import org.effdyn.model.common.Activation;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * Soft committee machine, teacher–student, plain Gaussian inputs (docs/committee.md; Saad–Solla 1995,
 * Goldt et al. 2019, arXiv:1906.08632). Student ŷ = Σ_k v_k g(λ_k), teacher y = Σ_n v*_n g(ν_n) + σ₀ζ,
 * λ_k = w_k·x/√N, ν_n = w*_n·x/√N, x ~ N(0, I_N); loss (ŷ − y)²/2, online SGD
 * w_k ← w_k − (η/√N) v_k Δ g'(λ_k) x, v_k ← v_k − (η_v/N) g(λ_k) Δ with Δ = ŷ − y, time t = steps/N.
 *
 * <p>Statistics (layout, in this order): {@code Q[k,l]} = w_k·w_l/N (k ≤ l), {@code R[k,n]} =
 * w_k·w*_n/N (K × M), {@code v[k]}. The block v is always present: with {@code eta_v = 0} (the
 * default, Saad–Solla's setting) the second layer is frozen and dv/dt = 0 exactly, so every card of
 * this model has the same columns. The teacher's T_nm = w*_n·w*_m/N and v* are constant parameters.
 * Derived column {@code eps_g} (noise-free test labels).
 *
 * @param hiddenUnits    K ≥ 1, student hidden units (card {@code K})
 * @param teacherUnits   M ≥ 1, teacher hidden units (card {@code M})
 * @param activation     g = g̃ of student and teacher (card {@code activation}: erf, relu, linear)
 * @param teacherGram    T (M × M), symmetric positive definite (card {@code T}, rows; default I)
 * @param vstar          v* (length M, card {@code vstar}; default all ones)
 * @param v0             the student's second layer at t = 0 (length K, card {@code v0}; default ones)
 * @param eta            η &gt; 0, first-layer learning rate (card {@code eta})
 * @param etaV           η_v ≥ 0, second-layer learning rate; 0 freezes v (card {@code eta_v})
 * @param sigma0         σ₀ ≥ 0, output noise of the training labels (card {@code sigma0})
 * @param kappa          κ ≥ 0, weight decay on w: w ← (1 − κ/N) w per step (card {@code kappa})
 * @param normalize      true: ŷ = (1/K)Σ v_k g(λ_k), y = (1/M)Σ v*_n g(ν_n) (card {@code normalize})
 * @param sigmaW         σ_w &gt; 0, initial student weights w_k ~ N(0, σ_w² I_N) (card {@code sigma_w})
 * @param initN          0: the initial law is the N → ∞ point mass Q = σ_w² I, R = 0, v = v0; N &gt; M:
 *                       it is the law of the statistics of a fresh student in dimension N, i.e. one
 *                       draw of {@link CommitteeSimulator}'s initialization (card {@code init_n}).
 *                       R = 0 with equal students is a symmetric invariant set; a finite-N draw breaks
 *                       the symmetry as SGD does.
 * @param quadratureNodes node budget of the (K+M)-dimensional Gaussian integral that replaces the
 *                       missing ReLU I4 closed form (card {@code quadrature_nodes}); unused otherwise
 */
public record Committee(int hiddenUnits, int teacherUnits, Activation activation, double[][] teacherGram,
    double[] vstar, double[] v0, double eta, double etaV, double sigma0, double kappa, boolean normalize,
    double sigmaW, int initN, int quadratureNodes) implements Model, HasCost {

  public Committee {
    Check.atLeast("K", hiddenUnits, 1);
    Check.atLeast("M", teacherUnits, 1);
    ActivationIntegrals.check(activation);
    teacherGram = teacherGram == null ? identity(teacherUnits) : checkGram(teacherGram, teacherUnits);
    vstar = vstar == null ? ones(teacherUnits) : Check.allFinite("vstar", Check.length("vstar", vstar, teacherUnits).clone());
    v0 = v0 == null ? ones(hiddenUnits) : Check.allFinite("v0", Check.length("v0", v0, hiddenUnits).clone());
    Check.positiveFinite("eta", eta);
    Check.nonNegativeFinite("eta_v", etaV);
    Check.nonNegativeFinite("sigma0", sigma0);
    Check.nonNegativeFinite("kappa", kappa);
    Check.positiveFinite("sigma_w", sigmaW);
    if (initN != 0) Check.atLeast("init_n", initN, teacherUnits + 1);
    Check.atLeast("quadrature_nodes", quadratureNodes, 16);
  }

  /** Erf, T = I, v* = v0 = 1, v frozen, no noise or decay, σ_w = 1, N → ∞ initial law. */
  public static Committee erf(int k, int m, double eta) {
    return new Committee(k, m, Activation.ERF, null, null, null, eta, 0, 0, 0, false, 1, 0, 4096);
  }

  public Committee withActivation(Activation a) {
    return new Committee(hiddenUnits, teacherUnits, a, teacherGram, vstar, v0, eta, etaV, sigma0, kappa, normalize, sigmaW, initN, quadratureNodes);
  }

  public Committee withTeacher(double[][] t, double[] vs) {
    return new Committee(hiddenUnits, teacherUnits, activation, t, vs, v0, eta, etaV, sigma0, kappa, normalize, sigmaW, initN, quadratureNodes);
  }

  public Committee withSecondLayer(double[] v, double rate) {
    return new Committee(hiddenUnits, teacherUnits, activation, teacherGram, vstar, v, eta, rate, sigma0, kappa, normalize, sigmaW, initN, quadratureNodes);
  }

  public Committee withNoise(double s0) {
    return new Committee(hiddenUnits, teacherUnits, activation, teacherGram, vstar, v0, eta, etaV, s0, kappa, normalize, sigmaW, initN, quadratureNodes);
  }

  public Committee withDecay(double k) {
    return new Committee(hiddenUnits, teacherUnits, activation, teacherGram, vstar, v0, eta, etaV, sigma0, k, normalize, sigmaW, initN, quadratureNodes);
  }

  public Committee withNormalize(boolean n) {
    return new Committee(hiddenUnits, teacherUnits, activation, teacherGram, vstar, v0, eta, etaV, sigma0, kappa, n, sigmaW, initN, quadratureNodes);
  }

  public Committee withInit(double sw, int n) {
    return new Committee(hiddenUnits, teacherUnits, activation, teacherGram, vstar, v0, eta, etaV, sigma0, kappa, normalize, sw, n, quadratureNodes);
  }

  public Committee withQuadratureNodes(int n) {
    return new Committee(hiddenUnits, teacherUnits, activation, teacherGram, vstar, v0, eta, etaV, sigma0, kappa, normalize, sigmaW, initN, n);
  }

  @Override
  public double[][] teacherGram() {
    double[][] c = new double[teacherUnits][];
    for (int i = 0; i < teacherUnits; i++) c[i] = teacherGram[i].clone();
    return c;
  }

  @Override
  public double[] vstar() {
    return vstar.clone();
  }

  @Override
  public double[] v0() {
    return v0.clone();
  }

  /** 1/K with output normalization, else 1: the factor on student terms. */
  double studentScale() {
    return normalize ? 1.0 / hiddenUnits : 1.0;
  }

  /** 1/M with output normalization, else 1: the factor on teacher terms. */
  double teacherScale() {
    return normalize ? 1.0 / teacherUnits : 1.0;
  }

  /** True if the second layer is trained (η_v &gt; 0). */
  public boolean trainsSecondLayer() {
    return etaV > 0;
  }

  /** K(K+1)/2 + KM + K: the size of {@link #layout()}, without building it. */
  @Override
  public long stateDimension(Regime regime) {
    long k = hiddenUnits;
    return k * (k + 1) / 2 + k * teacherUnits + k;
  }

  /**
   * The I3 and I4 terms of one drift ({@link CommitteeOde}): K(K+M)² + K(K+1)/2 · (K+M)(K+M+1)/2,
   * about 30 operations each (an arcsin and a square root), plus for ReLU one (K+M)-dimensional
   * rule of {@code quadrature_nodes} points over (K+M)² products.
   */
  @Override
  public double driftWork(Regime regime) {
    double k = hiddenUnits;
    double p = hiddenUnits + teacherUnits;
    double terms = k * p * p + k * (k + 1) / 2 * p * (p + 1) / 2;
    return 30 * terms + (activation == Activation.ERF || activation == Activation.LINEAR ? 0 : quadratureNodes * p * p);
  }

  @Override
  public String driftCostClass() {
    return "O(K^2 (K+M)^2)";
  }

  /** Layout {@code Q[k,l]} (k ≤ l), {@code R[k,n]}, {@code v[k]}. */
  public StateLayout layout() {
    return StateLayout.builder().symmetric("Q", hiddenUnits).matrix("R", hiddenUnits, teacherUnits)
        .vector("v", hiddenUnits).build();
  }

  @Override
  public String name() {
    return "committee";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("K", hiddenUnits);
    m.put("M", teacherUnits);
    m.put("activation", activation.key());
    m.put("T", teacherGram());
    m.put("vstar", vstar.clone());
    m.put("v0", v0.clone());
    m.put("eta", eta);
    m.put("eta_v", etaV);
    m.put("sigma0", sigma0);
    m.put("kappa", kappa);
    m.put("normalize", normalize);
    m.put("sigma_w", sigmaW);
    m.put("init_n", initN);
    m.put("quadrature_nodes", quadratureNodes);
    return m;
  }

  /** The committee ODE ({@link CommitteeOde}); there is no diffusive limit here. */
  @Override
  public Dynamics limit(Regime regime) {
    requireBallistic(regime);
    return new CommitteeOde(this);
  }

  /**
   * initN = 0: the point mass Q = σ_w² I, R = 0, v = v0 (the N → ∞ law); for erf this starts on the
   * symmetric invariant set and the limit never specializes. initN &gt; 0: one draw of a fresh
   * student's statistics in dimension initN, with the generator given to {@code sample}.
   */
  @Override
  public InitialLaw initialLaw(Regime regime) {
    requireBallistic(regime);
    StateLayout l = layout();
    if (initN == 0) {
      double[] u = new double[l.size()];
      StateLayout.Block q = l.block("Q");
      StateLayout.Block v = l.block("v");
      for (int k = 0; k < hiddenUnits; k++) {
        u[q.index(k, k)] = sigmaW * sigmaW;
        u[v.index(k, 0)] = v0[k];
      }
      return InitialLaw.pointMass(l, u);
    }
    return SgdSimulator.initialLawOf(l, () -> new CommitteeSimulator(this, initN));
  }

  @Override
  public SgdSimulator simulator(int d, Regime regime) {
    requireBallistic(regime);
    return new CommitteeSimulator(this, d);
  }

  /** {@code eps_g}: the generalization error with noise-free test labels ({@link CommitteeOde#generalizationError}). */
  @Override
  public Optional<DerivedColumns> derivedColumns() {
    CommitteeOde ode = new CommitteeOde(this);
    return Optional.of(new DerivedColumns() {
      @Override public List<String> names() {
        return List.of("eps_g");
      }

      @Override public void compute(double[] u, double[] out) {
        out[0] = ode.generalizationError(u);
      }
    });
  }

  /**
   * eps_g, R[1,1], R[1,2], Q[1,1], Q[1,2], v[1] (if v is trained), R[2,1], R[2,2], v[2] (those that
   * exist).
   */
  @Override
  public List<String> chartColumns(Regime regime) {
    List<String> c = new ArrayList<>(List.of("eps_g", "R[1,1]"));
    if (teacherUnits >= 2) c.add("R[1,2]");
    c.add("Q[1,1]");
    if (hiddenUnits >= 2) c.add("Q[1,2]");
    if (trainsSecondLayer()) c.add("v[1]");
    if (hiddenUnits >= 2) {
      c.add("R[2,1]");
      if (teacherUnits >= 2) c.add("R[2,2]");
      if (trainsSecondLayer()) c.add("v[2]");
    }
    return c;
  }

  /** ε_g and the order parameters on a log time axis, as in Saad–Solla and Goldt et al. */
  @Override
  public boolean chartLogTime() {
    return true;
  }

  private static void requireBallistic(Regime regime) {
    if (regime != Regime.BALLISTIC) {
      throw new IllegalArgumentException("regime: committee has only a ballistic limit (docs/committee.md), got " + regime.key());
    }
  }

  static double[] ones(int n) {
    double[] v = new double[n];
    Arrays.fill(v, 1.0);
    return v;
  }

  static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) m[i][i] = 1;
    return m;
  }

  private static double[][] checkGram(double[][] t, int m) {
    if (t.length != m) throw new ParameterException("T", t, "must be " + m + "x" + m + " (M = " + m + "), got " + t.length + " rows");
    double[][] c = new double[m][];
    for (int i = 0; i < m; i++) {
      if (t[i] == null || t[i].length != m) {
        throw new ParameterException("T", t, "must be " + m + "x" + m + ", row " + (i + 1) + " has "
            + (t[i] == null ? 0 : t[i].length) + " entries");
      }
      c[i] = Check.allFinite("T row " + (i + 1), t[i].clone());
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < i; j++) {
        if (Math.abs(c[i][j] - c[j][i]) > 1e-12 * (1 + Math.abs(c[i][j]))) {
          throw new ParameterException("T", t, "must be symmetric, got T[" + (i + 1) + "," + (j + 1) + "] = "
              + c[i][j] + " and T[" + (j + 1) + "," + (i + 1) + "] = " + c[j][i]);
        }
      }
    }
    try {
      new CholeskyDecomposition(MatrixUtils.createRealMatrix(c), 1e-12, 1e-12);
    } catch (RuntimeException e) {
      throw new ParameterException("T", t, "must be positive definite (the Gram matrix of linearly independent "
          + "teacher vectors), got " + Arrays.deepToString(c), e);
    }
    return c;
  }

  @Override
  public String toString() {
    List<String> s = new ArrayList<>();
    parameters().forEach((key, v) -> s.add(key + "=" + (v instanceof double[] a ? Arrays.toString(a)
        : v instanceof double[][] m ? Arrays.deepToString(m) : v)));
    return "Committee" + s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Committee c && c.hiddenUnits == hiddenUnits && c.teacherUnits == teacherUnits
        && c.activation == activation && Arrays.deepEquals(c.teacherGram, teacherGram) && Arrays.equals(c.vstar, vstar)
        && Arrays.equals(c.v0, v0) && Double.compare(c.eta, eta) == 0 && Double.compare(c.etaV, etaV) == 0
        && Double.compare(c.sigma0, sigma0) == 0 && Double.compare(c.kappa, kappa) == 0 && c.normalize == normalize
        && Double.compare(c.sigmaW, sigmaW) == 0 && c.initN == initN && c.quadratureNodes == quadratureNodes;
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(teacherGram) * 31 + Arrays.hashCode(vstar) + Arrays.hashCode(v0) * 7
        + Double.hashCode(eta) + hiddenUnits * 131 + teacherUnits;
  }
}
