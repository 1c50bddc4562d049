package org.effdyn.model.generic;

import org.effdyn.gauss.GaussianRule;

/**
 * A {@link GaussianRule}'s nodes and weights copied into flat arrays for the hot loop of {@link GenericLimit}:
 * node i is {@code nodes[i r .. (i + 1) r)}, r the rule's dimension.
 */
record RuleNodes(GaussianRule rule, double[] nodes, double[] weights, int replicates, int perReplicate) {
  static RuleNodes of(GaussianRule rule) {
    int r = rule.dimension();
    int n = rule.size();
    double[] x = new double[n * r];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = rule.weight(i);
      for (int j = 0; j < r; j++) x[i * r + j] = rule.node(i, j);
    }
    return new RuleNodes(rule, x, w, rule.replicates(), rule.replicateSize());
  }
}
