package org.effdyn.model.generic;

import static org.assertj.core.api.Assertions.assertThat;

import org.effdyn.gauss.GaussianRule;
import org.effdyn.model.kgmm.Kgmm;
import org.effdyn.model.kgmm.KgmmFinite;
import org.junit.jupiter.api.Test;

/**
 * Generic engine against the hand-written k-GMM drift at k = 10, λ = 10 (the paper demo's dimension),
 * orthonormal means, uniform p: both on their default rule for a 4096-node budget, which is the Smolyak
 * sparse grid of level 3 in r = 10 (docs/kgmm.md), against a reference on level 5 (36x the nodes).
 */
class GenericKgmmTenClassesTest {
  static final int K = 10;

  @Test
  void engineMatchesTheHandWrittenDriftsAccuracyAndCost() {
    double lambda = 10;
    double[][] eye = new double[K][K];
    double[] p = new double[K];
    for (int a = 0; a < K; a++) {
      eye[a][a] = 1;
      p[a] = 1.0 / K;
    }
    GenericLimit engine = new GenericLimit(AnchoredMixture.classLabelled(eye, p, eye, lambda, eye),
        Losses.softmaxCe(K, true), GenericOptions.of(1, 0.05).withQuadrature(Quadrature.auto(4096)));
    Kgmm model = new Kgmm(K, null, null, lambda, 0.05, 1, 4096);
    KgmmFinite hand = new KgmmFinite(model);
    KgmmFinite ref = new KgmmFinite(model, GaussianRule.smolyak(K, 5));
    double[] u = GenericKgmmTest.state(5, K);
    double[] he = new double[u.length], hh = new double[u.length], hr = new double[u.length];
    ref.drift(u, hr);
    double msEngine = time(engine, u, he);
    double msHand = time(hand, u, hh);
    double errEngine = GenericKgmmTest.maxDiff(he, hr);
    double errHand = GenericKgmmTest.maxDiff(hh, hr);
    System.out.printf("k-GMM k=10 lambda=10: engine (%s) error %.2e, %.2f ms; hand (%s) error %.2e, %.2f ms%n",
        engine.report(u).rule(), errEngine, msEngine, hand.rule(), errHand, msHand);
    assertThat(engine.report(u).rule()).startsWith("smolyak gauss-hermite level 3");
    assertThat(errEngine).isLessThan(2 * errHand);
    assertThat(engine.quadratureError(u)).isGreaterThanOrEqualTo(errEngine);
  }

  static double time(org.effdyn.core.Dynamics d, double[] u, double[] out) {
    for (int n = 0; n < 20; n++) d.drift(u, out);
    long t0 = System.nanoTime();
    for (int n = 0; n < 20; n++) d.drift(u, out);
    return (System.nanoTime() - t0) / 1e6 / 20;
  }
}
