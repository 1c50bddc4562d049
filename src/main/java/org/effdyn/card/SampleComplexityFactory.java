package org.effdyn.card;

import java.util.List;
import org.effdyn.core.Model;
import org.effdyn.model.singleindex.SampleComplexityModel;

/** Card name {@code sample-complexity}. */
final class SampleComplexityFactory implements ModelFactory {
  @Override public String name() {
    return "sample-complexity";
  }

  @Override public String description() {
    return "samples spherical online SGD needs to reach m = 1/2 from a uniform start vs N, for information "
        + "exponent k = 1, 2, 3, with fitted exponents (a study, no ODE); docs/singleindex.md";
  }

  @Override public List<ParamSpec> parameters() {
    return List.of(
        new ParamSpec("N_k1", "dimensions for k = 1 (GLM, f = g = identity, delta = 0.5); [] skips", "[250, 1000, 4000]"),
        new ParamSpec("N_k2", "dimensions for k = 2 (online PCA, lambda = 2, delta = 0.5); [] skips", "[250, 1000, 4000]"),
        new ParamSpec("N_k3", "dimensions for k = 3 (tensor PCA, delta_N = N^-1/2; N^2 samples, keep N small); [] skips", "[50, 100, 200]"),
        new ParamSpec("runs", "independent uniform starts per (k, N)", "16"),
        new ParamSpec("cap_factor", "a run stops at cap_factor alpha_c(N, k) N samples (censored)", "50"),
        new ParamSpec("seed", "master seed", "1"));
  }

  @Override public Model build(Params q) {
    int[][] ns = {
        dims(q, "N_k1", new int[] {250, 1000, 4000}),
        dims(q, "N_k2", new int[] {250, 1000, 4000}),
        dims(q, "N_k3", new int[] {50, 100, 200})};
    return new SampleComplexityModel(ns,
        q.has("runs") ? q.integer("runs") : 16,
        q.has("cap_factor") ? q.real("cap_factor") : 50,
        q.has("seed") ? q.integer("seed") : 1);
  }

  /** A list of integer dimensions, or dflt if the card does not give it. */
  static int[] dims(Params q, String name, int[] dflt) {
    if (!q.has(name)) return dflt;
    List<CardValue> v = q.value(name).items();
    int[] out = new int[v.size()];
    for (int i = 0; i < out.length; i++) out[i] = v.get(i).integer();
    return out;
  }
}
