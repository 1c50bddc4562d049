package org.effdyn.model.dmf;

/**
 * Regenerates the Claim 1 table of docs/dmf.md, "Finite size" (not a test): for GD at L = 4 and
 * d = n, the finite-size means and n·Var of the train loss, |θ|² and β(·,1) from training runs
 * ({@link FullBatchSimulator}), from ψ at z = i, and from the recipe 2H(0) − H(1) of Panahi 2026,
 * §6.2 (its s.e. ignores the positive correlation of the common random numbers: conservative). Arguments:
 * model (linear_sq | softplus_sq), η, n, realisations per process (multiple of 40).
 */
public final class FiniteSizeStudy {
  private FiniteSizeStudy() {}

  public static void main(String[] args) {
    Perceptron model = args[0].equals("linear_sq") ? Perceptron.linearSquare() : Perceptron.softplusSquare();
    double eta = Double.parseDouble(args[1]);
    int n = Integer.parseInt(args[2]);
    int per = Integer.parseInt(args[3]) / 40;
    DmfProblem pr = new DmfProblem(new double[] {0.5, 0.5},
        new double[][] {{1, -0.5, 0}, {-0.5, 1, 0}, {0, 0, 0.25}}, 1.0, model, new Algorithm.Gd(eta), 4);
    FiniteSizeSetup s = FiniteSizeSetup.of(pr, n);
    long t0 = System.nanoTime();
    FiniteSizeMoments truth = TrainingRuns.moments(pr, n, 301, 40, per, 2);
    FiniteSizeMoments hi = AlternativeProcess.atI(s).moments(302, 40, per, 2);
    FiniteSizeMoments h0 = new AlternativeProcess(s, 0, 0, 0).moments(302, 40, per, 2);
    FiniteSizeMoments h1 = new AlternativeProcess(s, 0, 1, 0).moments(302, 40, per, 2);
    DmfSolution dmf = model.isAffine() ? ExactSweep.solve(pr)
        : MonteCarloSweep.solve(pr, MonteCarloSweep.Options.of(500_000, 5));
    System.out.printf("%s, GD eta = %s, d = n = %d, L = 4, %d realisations per process (%.0f s)%n",
        args[0], args[1], n, truth.realisations(), (System.nanoTime() - t0) * 1e-9);
    System.out.println("| statistic | true | DMF | 2H(0) − H(1) | Re H(i) | Im H(i) |");
    System.out.println("|---|---|---|---|---|---|");
    for (int kind = 0; kind < 2; kind++) {
      for (String st : new String[] {"loss_train", "theta2", "beta[1]"}) {
        for (int l = 1; l < 4; l++) {
          var t = kind == 0 ? truth.mean(st, l) : truth.nVar(st, l);
          var a = kind == 0 ? h0.mean(st, l) : h0.nVar(st, l);
          var b = kind == 0 ? h1.mean(st, l) : h1.nVar(st, l);
          var c = kind == 0 ? hi.mean(st, l) : hi.nVar(st, l);
          double e1 = 2 * a.re() - b.re(), s1 = Math.hypot(2 * a.seRe(), b.seRe());
          String dm = "—";
          if (kind == 0) {
            double v = switch (st) {
              case "loss_train" -> dmf.lossTrain()[l];
              case "theta2" -> dmf.vTheta()[l][l];
              default -> dmf.beta()[1][l];
            };
            dm = String.format("%.5f (%+.0f s.e.)", v, (v - t.re()) / t.seRe());
          }
          System.out.printf("| %s %s(%d) | %.5f ± %.5f | %s | %.5f ± %.5f (%+.1f s.e.) | %.5f ± %.5f (%+.1f s.e.) | %+.5f ± %.5f |%n",
              kind == 0 ? "E" : "n Var", st, l, t.re(), t.seRe(), dm, e1, s1,
              (e1 - t.re()) / Math.hypot(s1, t.seRe()), c.re(), c.seRe(), c.zScore(t), c.im(), c.seIm());
        }
      }
    }
  }
}
