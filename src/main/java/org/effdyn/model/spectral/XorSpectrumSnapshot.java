package org.effdyn.model.spectral;

import static org.effdyn.model.spectral.SpectrumSnapshot.addValues;
import static org.effdyn.model.spectral.SpectrumSnapshot.norm;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.StateLayout;
import org.effdyn.gauss.CovarianceRoot;
import org.effdyn.gauss.GaussianRule;
import org.effdyn.model.spectral.SpectrumStudy.Align;
import org.effdyn.model.spectral.SpectrumStudy.Eigen;
import org.effdyn.model.xor.XorGmm;
import org.effdyn.model.xor.XorSimulator;

/**
 * The XOR part of a {@link SpectrumStudy}: at one SGD time the vv blocks (K × K, dense; top eigenvalues) with
 * ρ(v, E_min(4,K)), and for each neuron i in {@code units} the W_iW_i blocks (Lanczos, at most
 * {@value SpectrumStudy#W_TOP} eigenvalues) with ρ(W_i, E_2); empirical on the test set, and their population
 * values from the statistics ({@link XorSpectrum}).
 */
final class XorSpectrumSnapshot implements SpectrumSnapshot {
  final XorGmm model;
  final XorSimulator sim;
  final XorSpectrum.TestSet test;
  final SpectrumStudy.Options o;
  final GaussianRule rule;

  XorSpectrumSnapshot(XorGmm model, XorSimulator sim, XorSpectrum.TestSet test, SpectrumStudy.Options o) {
    this.model = model;
    this.sim = sim;
    this.test = test;
    this.o = o;
    this.rule = Double.isInfinite(model.lambda()) ? null
        : GaussianRule.quasiMonteCarlo(model.hiddenUnits() + 2, o.populationPoints(), GaussianRule.DEFAULT_REPLICATES, GaussianRule.DEFAULT_SEED);
  }

  @Override public void empirical(int d, double t, UniformRandomProvider rng, List<Eigen> eig, List<Align> al) {
    double[][] w = sim.firstLayer();
    double[] v = sim.secondLayer();
    int k = v.length;
    XorSpectrum.Empirical e = new XorSpectrum.Empirical(w, v, test);
    for (int mi = 0; mi < 2; mi++) {
      PopulationBlock vv = PopulationBlock.of(e.vv(mi == 0), 0);
      addValues(eig, d, t, "v", SpectrumStudy.MATRICES.get(mi), "empirical", vv.values(), Math.min(o.top(), k));
      int n4 = Math.min(4, k);
      if (norm(v) > 0) al.add(new Align(d, 0, t, "v", "v", SpectrumStudy.MATRICES.get(mi), "empirical", n4, Alignment.rho(v, Arrays.copyOf(vv.vectors(), n4))));
    }
    int n = Math.min(Math.min(o.top(), SpectrumStudy.W_TOP), d);
    for (int i : o.units()) {
      for (int mi = 0; mi < 2; mi++) {
        Lanczos.Eigenpairs p = Lanczos.top(e.ww(i, i, mi == 0), Math.max(n, 2), o.tol(), rng);
        addValues(eig, d, t, "W" + i, SpectrumStudy.MATRICES.get(mi), "empirical", p.values(), n);
        if (norm(w[i]) > 0) al.add(new Align(d, 0, t, "W" + i, "W" + i, SpectrumStudy.MATRICES.get(mi), "empirical", 2, Alignment.rho(w[i], Arrays.copyOf(p.vectors(), 2))));
      }
    }
  }

  @Override public void population(int d, double t, String source, StateLayout layout, double[] u, List<Eigen> eig, List<Align> al) {
    int k = model.hiddenUnits();
    double lambda = model.lambda();
    double[] v = Arrays.copyOf(u, k);
    for (int mi = 0; mi < 2; mi++) {
      PopulationBlock vv = XorSpectrum.populationVv(layout, u, lambda, mi == 0, rule);
      addValues(eig, d, t, "v", SpectrumStudy.MATRICES.get(mi), source, vv.values(), Math.min(o.top(), k));
      int n4 = Math.min(4, k);
      if (norm(v) > 0) al.add(new Align(d, 0, t, "v", "v", SpectrumStudy.MATRICES.get(mi), source, n4, Alignment.rho(v, Arrays.copyOf(vv.vectors(), n4))));
    }
    double[][] root = new double[k][k];
    new CovarianceRoot(k).compute(layout.matrix("Rperp", u), "Rperp", root);
    for (int i : o.units()) {
      double[] wu = new double[k + 2];
      wu[0] = u[k + i];
      wu[1] = u[2 * k + i];
      System.arraycopy(root[i], 0, wu, 2, k);
      for (int mi = 0; mi < 2; mi++) {
        PopulationBlock b = XorSpectrum.populationWw(layout, u, lambda, i, mi == 0, rule);
        addValues(eig, d, t, "W" + i, SpectrumStudy.MATRICES.get(mi), source, b.values(), Math.min(o.top(), 2)); // the outliers on (μ, ν)
        eig.add(new Eigen(d, 0, t, "W" + i, SpectrumStudy.MATRICES.get(mi), source + "_bulk", 0, b.bulk()));
        if (norm(wu) > 0) {
          // λ = ∞: the block lives on (μ, ν), the first two U-coordinates
          double[][] vec = Double.isInfinite(lambda) ? new double[][] {unit(k + 2, 0), unit(k + 2, 1)}
              : Arrays.copyOf(b.vectors(), 2);
          al.add(new Align(d, 0, t, "W" + i, "W" + i, SpectrumStudy.MATRICES.get(mi), source, 2, Alignment.rho(wu, vec)));
        }
      }
    }
  }

  private static double[] unit(int n, int i) {
    double[] e = new double[n];
    e[i] = 1;
    return e;
  }
}
