package org.effdyn.model.dmf;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.Check;
import org.effdyn.core.RandomStreams;

/**
 * Monte Carlo forward sweep of the DMF for any ω (Panahi 2026, eqs. (26)–(32); docs/dmf.md). At step
 * l the deterministic part ({@link Kernels#prologue}) gives β(l,·), column l of the causal root A_θ of
 * V_θ and the memory kernel b_ω(·,l) = −γΛ̃(·,l); every path of class y then advances the
 * effective process (P3)
 * \[ p_y(l) = \beta(l,y) + \sum_{\mu\le l}\xi(\mu)A_\theta(\mu,l) + \sum_{\mu &lt; l} b_\omega(\mu,l)\,\omega(p_y(\mu),y), \]
 * and the sample side (P4) is averaged: α(l,y), V_ω(≤l,l;y) and the response
 * \[ B_\theta(\mu,l) = \sum_y \rho_y\,\mathbb E\,g_y(\mu),\quad g(l) = \omega'(p(l)),\quad
 *    g(\nu) = \omega'(p(\nu))\sum_{\kappa=\nu+1}^{l} b_\omega(\nu,\kappa)\,g(\kappa)\ (\nu = l-1..0), \]
 * the pathwise adjoint (exact per path; not the Stein form of Panahi 2026, eq. (32), which needs
 * A_θ^{-1} and V_θ is numerically singular). Cost O(N L²) for the fields plus O(N L³/6) for the
 * responses, for N paths in all.
 *
 * <p><b>Monte Carlo error.</b> The N paths per class are split into R independent replicas, each
 * a complete sweep with N/R paths (the kernels feed back, so an error bar on V_θ, β or Λ̃ needs
 * whole independent sweeps). The result is the replica mean; {@link DmfSolution#standardError()}
 * holds sd/√R for every entry. The replica mean carries a bias O(R/N) from the nonlinear feedback,
 * far below the O(N^{-1/2}) error.
 *
 * <p><b>Reproducibility.</b> Each replica's paths of class y are cut into blocks; block b draws its
 * ξ from {@code RandomStreams.stream(seed, y, r·blocksPerReplica + b)}. Blocks run in parallel and
 * their sums are reduced in block order, so the result depends on (seed, N, R, block size) and
 * not on the thread count: bit-identical at any {@code threads}.
 */
public final class MonteCarloSweep {
  private MonteCarloSweep() {}

  /**
   * @param pathsPerClass N &gt;= 2R, paths per class over all replicas (card: {@code paths})
   * @param replicas      R &gt;= 2 independent sweeps for the error bars
   * @param blockSize     paths per block (the unit of parallel work and of random streams)
   * @param threads       worker threads &gt;= 1
   * @param seed          master seed
   */
  public record Options(int pathsPerClass, int replicas, int blockSize, int threads, long seed) {
    public Options {
      Check.atLeast("replicas", replicas, 2);
      Check.atLeast("paths", pathsPerClass, 2 * replicas);
      Check.atLeast("block_size", blockSize, 1);
      Check.atLeast("threads", threads, 1);
    }

    /** N paths per class, 4 replicas, blocks of 2048, all available processors. */
    public static Options of(int pathsPerClass, long seed) {
      return new Options(pathsPerClass, 4, 2048, Runtime.getRuntime().availableProcessors(), seed);
    }

    public Options withThreads(int t) {
      return new Options(pathsPerClass, replicas, blockSize, t, seed);
    }

    public Options withReplicas(int r) {
      return new Options(pathsPerClass, r, blockSize, threads, seed);
    }
  }

  /** Solves the DMF of the problem. @throws DmfException if V_θ breaks down (divergence) */
  public static DmfSolution solve(DmfProblem problem, Options options) {
    return solve(problem, problem.coefficients(), options);
  }

  /** As {@link #solve(DmfProblem, Options)} with given coefficients. */
  public static DmfSolution solve(DmfProblem problem, Coefficients coefficients, Options options) {
    int r = options.replicas();
    int k = problem.classes();
    int n = coefficients.iterations();
    int perReplica = options.pathsPerClass() / r;
    int bs = Math.min(options.blockSize(), perReplica);
    int blocksPerClass = (perReplica + bs - 1) / bs;
    Replica[] reps = new Replica[r];
    Block[] all = new Block[r * k * blocksPerClass];
    int idx = 0;
    for (int rep = 0; rep < r; rep++) {
      reps[rep] = new Replica(problem, coefficients, perReplica);
      for (int y = 0; y < k; y++) {
        for (int b = 0; b < blocksPerClass; b++) {
          int size = Math.min(bs, perReplica - b * bs);
          Block blk = new Block(reps[rep], y, size, n, options.seed(), rep * (long) blocksPerClass + b);
          all[idx++] = blk;
          reps[rep].blocks.add(blk);
        }
      }
    }
    ForkJoinPool pool = options.threads() > 1 ? new ForkJoinPool(options.threads()) : null;
    try {
      for (int l = 0; l < n; l++) {
        for (Replica rep : reps) {
          rep.ker.prologue(l);
          rep.ker.choleskyColumn(l);
        }
        final int step = l;
        if (pool == null) {
          for (Block b : all) b.step(step);
        } else {
          pool.submit(() -> IntStream.range(0, all.length).parallel().forEach(i -> all[i].step(step))).get();
        }
        for (Replica rep : reps) rep.reduce(l);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    } finally {
      if (pool != null) pool.shutdown();
    }
    DmfSolution[] sol = new DmfSolution[r];
    for (int i = 0; i < r; i++) sol[i] = reps[i].solution();
    if (System.getProperty("effdyn.dmf.debug") != null) {
      for (Replica rep : reps) System.out.println("min relative Schur complement " + rep.ker.minRelativePivot);
    }
    return DmfSolution.meanOf(sol, "monte carlo, " + (long) perReplica * r + " paths/class in "
        + r + " replicas, seed " + options.seed());
  }

  /** One independent sweep: its kernels, observables and blocks. */
  private static final class Replica {
    final Kernels ker;
    final Perceptron model;
    final int paths;
    final java.util.List<Block> blocks = new java.util.ArrayList<>();
    final double[] lossTrain;
    final double[] errTrain;
    final double[] lossTest;
    final double[] errTest;

    Replica(DmfProblem problem, Coefficients c, int paths) {
      ker = new Kernels(problem, c);
      model = problem.perceptron();
      this.paths = paths;
      lossTrain = new double[ker.n];
      errTrain = new double[ker.n];
      lossTest = new double[ker.n];
      errTest = new double[ker.n];
    }

    /** Sample side (P4) at step l from the block sums, in block order. */
    void reduce(int l) {
      int k = ker.k;
      double[] sumW = new double[k];
      double loss = 0;
      double err = 0;
      for (int mu = 0; mu <= l; mu++) ker.bTheta[mu][l] = 0;
      for (int y = 0; y < k; y++) for (int m = 0; m <= l; m++) ker.vOmegaY[y][m][l] = 0;
      for (Block b : blocks) {
        int y = b.cls;
        double w = ker.rho[y] / paths;
        sumW[y] += b.sumW;
        loss += w * b.sumLoss;
        err += w * b.sumWrong;
        for (int m = 0; m <= l; m++) {
          ker.vOmegaY[y][m][l] += w * b.sumWW[m];
          ker.bTheta[m][l] += w * b.sumG[m];
        }
      }
      for (int y = 0; y < k; y++) ker.alpha[y][l] = ker.rho[y] * sumW[y] / paths;
      ker.symmetrizeOmega(l);
      ker.epilogue(l);
      lossTrain[l] = loss;
      errTrain[l] = err;
      lossTest[l] = TestObservables.loss(model, ker.rho, ker.beta, l, ker.vTheta[l][l]);
      errTest[l] = TestObservables.error(model, ker.rho, ker.beta, l, ker.vTheta[l][l]);
    }

    DmfSolution solution() {
      return new DmfSolution(lossTrain, errTrain, lossTest, errTest, ker.beta, ker.alpha,
          ker.vTheta, ker.vOmega, ker.bTheta, ker.lt, ker.ltSmall, ker.vOmegaY, null, "replica");
    }
  }

  /** A block of paths of one class: its noise, path history and per-step sums. */
  private static final class Block {
    final Replica rep;
    final int cls;
    final int size;
    final double[][] xi;      // [μ][i]
    final double[][] w;       // ω(p(μ)) [μ][i]
    final double[][] wp;      // ω'(p(μ))
    final double[][] g;       // adjoint workspace
    final double[] p;
    final double[] sumWW;
    final double[] sumG;
    double sumW;
    double sumLoss;
    double sumWrong;
    final double threshold;

    Block(Replica rep, int cls, int size, int n, long seed, long block) {
      this.rep = rep;
      this.cls = cls;
      this.size = size;
      xi = new double[n][size];
      w = new double[n][size];
      wp = new double[n][size];
      g = new double[n][size];
      p = new double[size];
      sumWW = new double[n];
      sumG = new double[n];
      threshold = rep.model.threshold();
      ZigguratSampler.NormalizedGaussian gauss =
          ZigguratSampler.NormalizedGaussian.of(RandomStreams.stream(seed, cls, block));
      for (int i = 0; i < size; i++) for (int mu = 0; mu < n; mu++) xi[mu][i] = gauss.sample();
    }

    /** Advances every path to time l and forms the block's sums. Allocates nothing. */
    void step(int l) {
      Kernels ker = rep.ker;
      Perceptron model = rep.model;
      double beta = ker.beta[cls][l];
      java.util.Arrays.fill(p, beta);
      for (int mu = 0; mu <= l; mu++) {
        double a = ker.aTheta[mu][l];
        if (a == 0) continue;
        double[] x = xi[mu];
        for (int i = 0; i < size; i++) p[i] += a * x[i];
      }
      for (int mu = 0; mu < l; mu++) {
        double b = ker.bw[mu];
        if (b == 0) continue;
        double[] x = w[mu];
        for (int i = 0; i < size; i++) p[i] += b * x[i];
      }
      double[] wl = w[l];
      double[] wpl = wp[l];
      double sw = 0;
      double sl = 0;
      double se = 0;
      for (int i = 0; i < size; i++) {
        double pi = p[i];
        double om = model.omega(pi, cls);
        wl[i] = om;
        wpl[i] = model.domega(pi, cls);
        sw += om;
        sl += model.loss(pi, cls);
        se += model.wrong(pi, cls, threshold);
      }
      sumW = sw;
      sumLoss = sl;
      sumWrong = se;
      for (int m = 0; m <= l; m++) {
        double[] wm = w[m];
        double s = 0;
        for (int i = 0; i < size; i++) s += wm[i] * wl[i];
        sumWW[m] = s;
      }
      // Pathwise adjoint: g(l) = ω'(l); g(ν) = ω'(ν) Σ_{κ=ν+1..l} b_ω(ν,κ) g(κ).
      System.arraycopy(wpl, 0, g[l], 0, size);
      double s0 = 0;
      for (int i = 0; i < size; i++) s0 += wpl[i];
      sumG[l] = s0;
      double gamma = ker.gamma;
      for (int nu = l - 1; nu >= 0; nu--) {
        double[] gn = g[nu];
        double[] ltRow = ker.lt[nu];
        boolean zero = true;
        for (int kap = nu + 1; kap <= l && zero; kap++) zero = ltRow[kap] == 0 || gamma == 0;
        if (zero) {                  // no memory from ν (γ = 0, or Λ̃ row empty): g(ν) = 0
          java.util.Arrays.fill(gn, 0);
          sumG[nu] = 0;
          continue;
        }
        java.util.Arrays.fill(gn, 0);
        for (int kap = nu + 1; kap <= l; kap++) {
          double b = -gamma * ltRow[kap];
          if (b == 0) continue;
          double[] gk = g[kap];
          for (int i = 0; i < size; i++) gn[i] += b * gk[i];
        }
        double[] wpn = wp[nu];
        double s = 0;
        for (int i = 0; i < size; i++) {
          gn[i] *= wpn[i];
          s += gn[i];
        }
        sumG[nu] = s;
      }
    }
  }
}
