package org.effdyn.model.spectral;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.Check;
import org.effdyn.core.Model;
import org.effdyn.core.ParameterException;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.model.kgmm.Kgmm;
import org.effdyn.model.kgmm.KgmmSimulator;
import org.effdyn.model.xor.XorGmm;
import org.effdyn.model.xor.XorSimulator;
import org.effdyn.solve.SgdRecorder;

/**
 * Spectra of the empirical test Hessian and G-matrix blocks along SGD, with the population outliers
 * computed from the summary statistics overlaid (Ben Arous, Gheissari, Huang, Jagannath 2023,
 * arXiv:2310.03010, Figs. 2.1–2.6; docs/spectral.md). For the k-GMM (orthonormal means) and the XOR GMM.
 *
 * <p>For each dimension d and seed index s &lt; {@code seeds} it reruns SGD path (dIndex, s) of the card, i.e.
 * with generator {@code RandomStreams.stream(simulateSeed, dIndex, s)}, the same path as seed s of
 * {@code sgd.csv} (when simulate.seeds &gt; s), and at every {@code every}-th grid time computes, on one fixed test set of
 * M̃ = test_ratio·d samples ({@code RandomStreams.stream(seed, dIndex)}):
 * <ul>
 *   <li>k-GMM, for each class c in {@code units}: the top eigenvalues of Hess_cc and Ĝ_cc (Lanczos) and
 *       ρ(x^c, E_top) of each;</li>
 *   <li>XOR: the vv blocks (K × K, dense; top eigenvalues) and ρ(v, E_min(4,K)), and for each neuron i in
 *       {@code units} the W_iW_i blocks (Lanczos, at most {@value #W_TOP} eigenvalues) and ρ(W_i, E_2).</li>
 * </ul>
 * Population values ({@link KgmmSpectrum}, {@link XorSpectrum}) come from the statistics alone, at two
 * states: the limit's state at that time (source {@code population}, when the card has a ballistic limit, except a finite-λ XOR limit started
 * on the invariant saddle m = 0, which never learns) and the SGD path's own statistics
 * ({@code population_sgd}; for the XOR at finite λ the limit started at m = 0 never learns, since
 * m = 0 is invariant under the finite-λ XOR drift (docs/xor.md), so this is the overlay that follows an SGD path from a random start). Finite λ uses the exact integrals
 * (RQMC with {@code population_points} nodes per replicate, 16 replicates), λ = ∞ the closed forms.
 * Population alignments use the population eigenvectors (in the subspace U, where x^c, W_i and v have
 * known coordinates). Population eigenvalues are the outliers only: k for a k-GMM class block (on the
 * means), 2 for W_iW_i (on μ, ν), all K for vv; the other U-directions sit at the bulk level E[w]/λ,
 * below the edge of the empirical bulk (a Marchenko–Pastur-like law of width set by d/M̃), which is what
 * the empirical values beyond the outliers show. The k-GMM alignment uses E_min(k, top), as Thm 2.3.
 *
 * <p>At the last grid time of each k-GMM path it also keeps the coordinates of x^c and of the top-k
 * eigenvectors of Hess_cc and Ĝ_cc for each c in {@code units} ({@link Vectors}; Ben Arous, Gheissari,
 * Huang, Jagannath 2023, Thm 2.4, Fig. 2.2:
 * all live on the means, coordinates 1..k, up to O(ε + 1/λ)); the top-k pairs are the study's own when
 * top ≥ k, else k more pairs by Lanczos.
 *
 * <p>This class holds the study's options and result records and drives the SGD paths; the blocks of one
 * path at one time are computed by the package-private KgmmSpectrumSnapshot and XorSpectrumSnapshot.
 */
public final class SpectrumStudy {
  private SpectrumStudy() {}

  /**
   * Card section {@code spectrum}.
   *
   * @param every            compute at every n-th grid time (≥ 1; the first and last are always included)
   * @param top              eigenvalues per block (≥ 1; capped at the block dimension)
   * @param testRatio        M̃/d &gt; 0 (M̃ ≥ 1)
   * @param seed             test sets and Lanczos start vectors
   * @param units            classes c (k-GMM) or neurons i (XOR) whose blocks are computed
   * @param tol              Lanczos relative residual tolerance in (0, 0.1]
   * @param populationPoints RQMC points per replicate of the finite-λ population integrals (≥ 16)
   * @param seeds            SGD paths per d (≥ 1), e.g. to see runs that find different numbers of classes
   */
  public record Options(int every, int top, double testRatio, long seed, List<Integer> units, double tol,
      int populationPoints, int seeds) {
    public Options {
      Check.atLeast("spectrum.every", every, 1);
      Check.atLeast("spectrum.top", top, 1);
      Check.positiveFinite("spectrum.test_ratio", testRatio);
      if (units == null || units.isEmpty()) throw new ParameterException("spectrum.units", units, "must list at least one class or neuron");
      units = List.copyOf(units);
      if (!(tol > 0 && tol <= 0.1)) throw new ParameterException("spectrum.tol", tol, "must be in (0, 0.1], got " + tol);
      Check.atLeast("spectrum.population_points", populationPoints, 16);
      Check.atLeast("spectrum.seeds", seeds, 1);
    }

    /** Defaults: every grid time, top 4, M̃ = 2d, seed 1, unit 0, tol 1e-6, 256 points, 1 path per d. */
    public static Options defaults() {
      return new Options(1, 4, 2.0, 1, List.of(0), 1e-6, 256, 1);
    }
  }

  /**
   * One eigenvalue: source is empirical, population or population_sgd (index 0 the largest), or
   * population_bulk / population_sgd_bulk: the bulk level E[w]/λ of a d × d population block (index 0).
   */
  public record Eigen(int d, int seed, double t, String block, String matrix, String source, int index, double value) {}

  /** One alignment ρ(vector, E_dim(block)). */
  public record Align(int d, int seed, double t, String vector, String block, String matrix, String source, int dim, double rho) {}

  /**
   * The coordinates of one k-GMM block at the end of an SGD path (Ben Arous, Gheissari, Huang, Jagannath
   * 2023, Fig. 2.2): x^c and the top-k
   * unit eigenvectors of Hess_cc and Ĝ_cc (hessian[j], g[j] for the (j+1)-th largest eigenvalue), each with
   * its sign fixed so that its entry of largest magnitude is positive (eigenvectors have no sign; this
   * choice draws a vector on a mean as a positive spike, and does not depend on x^c, which is orthogonal to
   * some of them). Coordinates as in {@link KgmmSimulator}: μ_b = e_b, the first k coordinates.
   */
  public record Vectors(int d, int seed, double t, String block, double[] x, double[][] hessian, double[][] g) {}

  /** Everything computed; vectors only for the k-GMM (one per d, seed and class in units). */
  public record Result(List<Eigen> eigenvalues, List<Align> alignments, List<Vectors> vectors) {
    public Result {
      eigenvalues = List.copyOf(eigenvalues);
      alignments = List.copyOf(alignments);
      vectors = List.copyOf(vectors);
    }

    /** No coordinate vectors. */
    public Result(List<Eigen> eigenvalues, List<Align> alignments) {
      this(eigenvalues, alignments, List.of());
    }
  }

  /**
   * Checks that the model has spectral blocks here, naming the problem: a k-GMM with orthonormal means
   * or an XOR GMM, units in range, regime ballistic.
   */
  public static void check(Model model, Options o) {
    int max;
    if (model instanceof Kgmm kg) {
      if (!kg.orthonormalMeans()) throw new ParameterException("spectrum", null, "the k-GMM blocks need orthonormal means (mbar = I)");
      max = kg.k();
    } else if (model instanceof XorGmm x) {
      max = x.hiddenUnits();
    } else {
      throw new ParameterException("spectrum", null, "model '" + model.name() + "' has no Hessian/G-matrix blocks; known: kgmm, xor-gmm");
    }
    for (int u : o.units()) {
      if (u < 0 || u >= max) {
        throw new ParameterException("spectrum.units", u, u + " is out of [0, " + (max - 1) + "] ("
            + (model instanceof Kgmm ? "classes" : "neurons") + ")");
      }
    }
  }

  /**
   * Runs the study (see the class comment).
   *
   * @param limit the card's ballistic limit on grid (or null: no {@code population} overlay)
   */
  public static Result run(Model model, Options o, TimeGrid grid, List<Integer> dims, long simulateSeed,
      Map<String, Double> plant, Trajectory limit) {
    check(model, o);
    boolean useLimit = limit != null && !(model instanceof XorGmm x && Double.isFinite(x.lambda()) && onSaddle(x, limit.state(0)));
    List<Eigen> eig = new ArrayList<>();
    List<Align> al = new ArrayList<>();
    List<Vectors> vec = new ArrayList<>();
    for (int di = 0; di < dims.size(); di++) {
      int d = dims.get(di);
      int mt = Math.max(1, (int) Math.round(o.testRatio() * d));
      // one test set per d, shared by the seeds
      UniformRandomProvider testRng = RandomStreams.stream(o.seed(), di);
      KgmmSpectrum.TestSet kgTest = model instanceof Kgmm kg ? KgmmSpectrum.TestSet.draw(kg.k(), kg.p(), kg.lambda(), d, mt, testRng) : null;
      XorSpectrum.TestSet xorTest = model instanceof XorGmm xg ? XorSpectrum.TestSet.draw(xg.lambda(), d, mt, testRng) : null;
      for (int si = 0; si < o.seeds(); si++) {
        SgdSimulator sim = model.simulator(d, Regime.BALLISTIC);
        sim.initialize(RandomStreams.stream(simulateSeed, di, si), plant);
        SpectrumSnapshot snap = model instanceof Kgmm kg
            ? new KgmmSpectrumSnapshot(kg, (KgmmSimulator) sim, kgTest, o)
            : new XorSpectrumSnapshot((XorGmm) model, (XorSimulator) sim, xorTest, o);
        long done = 0;
        double[] u = new double[sim.layout().size()];
        int n = grid.samples();
        List<Eigen> e1 = new ArrayList<>();
        List<Align> a1 = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (i % o.every() != 0 && i != n - 1) continue;
          done = SgdRecorder.advanceTo(sim, done, grid.time(i));
          sim.statistics(u);
          double t = grid.time(i);
          UniformRandomProvider lrng = RandomStreams.stream(o.seed(), di, 1 + i + (long) si * n);
          snap.empirical(d, t, lrng, e1, a1);
          snap.population(d, t, "population_sgd", sim.layout(), u, e1, a1);
          if (useLimit) snap.population(d, t, "population", limit.layout(), limit.state(i), e1, a1);
          if (i == n - 1) snap.vectors(d, si, t, lrng, vec);
        }
        int seed = si;
        for (Eigen e : e1) eig.add(new Eigen(e.d(), seed, e.t(), e.block(), e.matrix(), e.source(), e.index(), e.value()));
        for (Align a : a1) al.add(new Align(a.d(), seed, a.t(), a.vector(), a.block(), a.matrix(), a.source(), a.dim(), a.rho()));
      }
    }
    return new Result(eig, al, vec);
  }

  /** True if every overlap m_i^μ, m_i^ν is 0: the finite-λ XOR limit then stays there (docs/xor.md). */
  private static boolean onSaddle(XorGmm x, double[] u) {
    int k = x.hiddenUnits();
    for (int i = k; i < 3 * k; i++) if (u[i] != 0) return false;
    return true;
  }

  /** The two matrices of every block, as the files name them. */
  public static final List<String> MATRICES = List.of("hessian", "g");

  /** Eigenvalues of a W_iW_i block (the two outliers on μ, ν and the bulk edge); {@code top} caps it further. */
  static final int W_TOP = 4;
}
