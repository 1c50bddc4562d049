package org.effdyn.model.dmf;

import org.junit.jupiter.api.Test;

class Claim1Smoke {
  @Test
  void smoke() {
    double[][] nu = {{1, -0.5, 0}, {-0.5, 1, 0}, {0, 0, 0.25}};
    int n = Integer.getInteger("n", 20);
    boolean soft = Boolean.getBoolean("soft");
    double eta = soft ? 0.5 : 0.2;
    DmfProblem pr = new DmfProblem(new double[] {0.5, 0.5}, nu, 1.0,
        soft ? Perceptron.softplusSquare() : Perceptron.linearSquare(), new Algorithm.Gd(eta), 4);
    FiniteSizeSetup s = FiniteSizeSetup.of(pr, n);
    int blocks = 40, per = Integer.getInteger("per", 2500);
    long t0 = System.nanoTime();
    FiniteSizeMoments tr = TrainingRuns.moments(s, pr.algorithm(), 1, blocks, per, 2);
    long t1 = System.nanoTime();
    FiniteSizeMoments zi = AlternativeProcess.atI(s).moments(2, blocks, per, 2);
    long t2 = System.nanoTime();
    FiniteSizeMoments z0 = new AlternativeProcess(s, 0, 0, 0).moments(2, blocks, per, 2);
    System.out.printf("true %.2fs  psi %.2fs%n", (t1 - t0) * 1e-9, (t2 - t1) * 1e-9);
    for (String st : new String[] {"loss_train", "theta2", "beta[1]"}) {
      for (int l = 0; l < 4; l++) {
        var a = tr.mean(st, l); var b = zi.mean(st, l); var c = z0.mean(st, l);
        var av = tr.nVar(st, l); var bv = zi.nVar(st, l); var cv = z0.nVar(st, l);
        System.out.printf("%s(%d) mean true %.5f±%.5f  H(i) %.5f±%.5f Im %.5f±%.5f  H0 %.5f | nVar true %.5f±%.5f H(i) %.5f±%.5f Im %.5f±%.5f H0 %.5f%n",
            st, l, a.re(), a.seRe(), b.re(), b.seRe(), b.im(), b.seIm(), c.re(), av.re(), av.seRe(), bv.re(), bv.seRe(), bv.im(), bv.seIm(), cv.re());
      }
    }
  }
}
