package org.effdyn.model.spectral;

import static org.effdyn.model.spectral.SpectrumSnapshot.addValues;
import static org.effdyn.model.spectral.SpectrumSnapshot.norm;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.StateLayout;
import org.effdyn.gauss.CovarianceRoot;
import org.effdyn.gauss.GaussianRule;
import org.effdyn.model.kgmm.Kgmm;
import org.effdyn.model.kgmm.KgmmSimulator;
import org.effdyn.model.spectral.SpectrumStudy.Align;
import org.effdyn.model.spectral.SpectrumStudy.Eigen;
import org.effdyn.model.spectral.SpectrumStudy.Vectors;

/**
 * The k-GMM part of a {@link SpectrumStudy}: at one SGD time, for each class c in {@code units}, the top
 * eigenvalues of the empirical Hess_cc and Ĝ_cc blocks (Lanczos) with ρ(x^c, E_top), their population
 * outliers and bulk level from the statistics ({@link KgmmSpectrum}), and at the end of a path the coordinates
 * of x^c and of the top-k eigenvectors (Ben Arous, Gheissari, Huang, Jagannath 2023, Thm 2.4).
 */
final class KgmmSpectrumSnapshot implements SpectrumSnapshot {
  final Kgmm model;
  final KgmmSimulator sim;
  final KgmmSpectrum.TestSet test;
  final SpectrumStudy.Options o;
  final GaussianRule rule;
  /** The eigenpairs of the latest {@link #empirical} call, [unit index][0 Hessian, 1 G]. */
  final Lanczos.Eigenpairs[][] latest;

  KgmmSpectrumSnapshot(Kgmm model, KgmmSimulator sim, KgmmSpectrum.TestSet test, SpectrumStudy.Options o) {
    this.model = model;
    this.sim = sim;
    this.test = test;
    this.o = o;
    this.rule = Double.isInfinite(model.lambda()) ? null
        : GaussianRule.quasiMonteCarlo(2 * model.k(), o.populationPoints(), GaussianRule.DEFAULT_REPLICATES, GaussianRule.DEFAULT_SEED);
    this.latest = new Lanczos.Eigenpairs[o.units().size()][2];
  }

  @Override public void empirical(int d, double t, UniformRandomProvider rng, List<Eigen> eig, List<Align> al) {
    double[][] x = sim.parameters();
    int n = Math.min(o.top(), d);
    for (int ui = 0; ui < o.units().size(); ui++) {
      int c = o.units().get(ui);
      for (int mi = 0; mi < 2; mi++) {
        Lanczos.Eigenpairs e = Lanczos.top(KgmmSpectrum.empiricalBlock(x, test, c, c, mi == 0), n, o.tol(), rng);
        latest[ui][mi] = e;
        String block = "x" + c;
        addValues(eig, d, t, block, SpectrumStudy.MATRICES.get(mi), "empirical", e.values(), n);
        int na = Math.min(n, model.k());
        al.add(new Align(d, 0, t, "x" + c, block, SpectrumStudy.MATRICES.get(mi), "empirical", na, Alignment.rho(x[c], Arrays.copyOf(e.vectors(), na))));
      }
    }
  }

  @Override public void vectors(int d, int seed, double t, UniformRandomProvider rng, List<Vectors> out) {
    double[][] x = sim.parameters();
    int k = model.k();
    for (int ui = 0; ui < o.units().size(); ui++) {
      int c = o.units().get(ui);
      double[][][] v = new double[2][][];
      for (int mi = 0; mi < 2; mi++) {
        Lanczos.Eigenpairs e = latest[ui][mi];
        // the study's own pairs when top >= k (the top k of more converged pairs), else k of their own
        if (e.vectors().length < k) e = Lanczos.top(KgmmSpectrum.empiricalBlock(x, test, c, c, mi == 0), k, o.tol(), rng);
        v[mi] = new double[k][];
        for (int j = 0; j < k; j++) v[mi][j] = largestPositive(e.vectors()[j]);
      }
      out.add(new Vectors(d, seed, t, "x" + c, x[c].clone(), v[0], v[1]));
    }
  }

  @Override public void population(int d, double t, String source, StateLayout layout, double[] u, List<Eigen> eig, List<Align> al) {
    double[][] m = layout.matrix("m", u);
    double[][] rp = layout.matrix("Rperp", u);
    int k = model.k();
    double[][] root = new double[k][k];
    new CovarianceRoot(k).compute(rp, "Rperp", root);
    for (int c : o.units()) {
      double[] xu = new double[2 * k];
      for (int j = 0; j < k; j++) {
        xu[j] = m[c][j];
        xu[k + j] = root[c][j];
      }
      for (int mi = 0; mi < 2; mi++) {
        PopulationBlock b = KgmmSpectrum.population(m, rp, model.p(), model.lambda(), c, mi == 0, rule);
        int n = Math.min(o.top(), k); // the k outliers (on the means); the other k U-values sit at the bulk level
        String block = "x" + c;
        addValues(eig, d, t, block, SpectrumStudy.MATRICES.get(mi), source, b.values(), n);
        eig.add(new Eigen(d, 0, t, block, SpectrumStudy.MATRICES.get(mi), source + "_bulk", 0, b.bulk()));
        if (norm(xu) > 0) al.add(new Align(d, 0, t, "x" + c, block, SpectrumStudy.MATRICES.get(mi), source, n, Alignment.rho(xu, Arrays.copyOf(b.vectors(), n))));
      }
    }
  }

  /** A copy of v with the sign that makes its entry of largest magnitude positive. */
  static double[] largestPositive(double[] v) {
    int arg = 0;
    for (int i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[arg])) arg = i;
    double s = v[arg] < 0 ? -1 : 1;
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) out[i] = s * v[i];
    return out;
  }
}
