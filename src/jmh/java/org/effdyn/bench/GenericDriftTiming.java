package org.effdyn.bench;

/**
 * Minimum-of-repeats timing of the {@link GenericDriftBench} cases (robust to other processes on a shared
 * machine, where JMH's averages carry ±100% errors): for each case, 7 rounds of n drift evaluations after
 * a warm-up, reporting the fastest round. Run:
 * {@code java -cp target/benchmarks.jar org.effdyn.bench.GenericDriftTiming}.
 */
public final class GenericDriftTiming {
  private GenericDriftTiming() {}

  public static void main(String[] args) {
    long[] nodeClasses = {24_000, 131_072, 38_416};
    String[] models = {"kgmm", "xor", "committee"};
    System.out.printf("%-10s %-5s %14s %14s %12s %16s%n", "model", "grad", "engine ms", "hand ms", "node-classes",
        "engine ns/n-c");
    for (int i = 0; i < models.length; i++) {
      for (String g : new String[] {"hand", "ad"}) {
        GenericDriftBench.Case c = new GenericDriftBench.Case();
        c.model = models[i];
        c.gradient = g;
        c.setup();
        double e = best(() -> c.engine.drift(c.uEngine, c.out));
        double h = best(() -> c.hand.drift(c.uHand, c.out));
        System.out.printf("%-10s %-5s %14.3f %14.4f %12d %16.0f%n", models[i], g, e * 1e3, h * 1e3, nodeClasses[i],
            e * 1e9 / nodeClasses[i]);
      }
    }
  }

  /** Fastest of 7 rounds, seconds per call. */
  static double best(Runnable r) {
    long t0 = System.nanoTime();
    int n = 0;
    while (System.nanoTime() - t0 < 1_000_000_000L || n < 3) {
      r.run();
      n++;
    }
    int per = Math.max(1, n / 4);
    double best = Double.POSITIVE_INFINITY;
    for (int k = 0; k < 7; k++) {
      long a = System.nanoTime();
      for (int j = 0; j < per; j++) r.run();
      best = Math.min(best, (System.nanoTime() - a) / 1e9 / per);
    }
    return best;
  }
}
