package org.effdyn.validate;

import java.util.List;
import java.util.Map;
import org.effdyn.core.Trajectory;

/**
 * What one validation case measured.
 *
 * @param vcase     the case
 * @param full      full (large d) or quick run
 * @param dims      per dimension, in increasing d
 * @param fit       fitted log-log slope of the mean sup error (SUP_ERROR), else null
 * @param tlogFit   the same for the tLog-RMSE (reported, not judged), else null
 * @param rateOk    slope within rate ± band and errors decreasing (SUP_ERROR); max z within bound (LAW)
 * @param oracles   oracle checks
 * @param sgd       SGD recordings at the largest d (all seeds), for charts
 * @param limits    the limit from each of those runs' measured u(x_0) (SUP_ERROR), or SDE paths (LAW)
 * @param wallNanos time taken
 */
public record CaseResult(ValidationCase vcase, boolean full, List<Dim> dims, Metrics.Fit fit, Metrics.Fit tlogFit,
    boolean rateOk, List<OracleCheck> oracles, List<Trajectory> sgd, List<Trajectory> limits, long wallNanos) {

  /**
   * One dimension's errors.
   *
   * @param d          dimension
   * @param seeds      SGD runs that succeeded
   * @param failed     SGD runs that failed
   * @param sup        per seed: max over the compared statistics of sup_t |SGD - limit| (LAW: per
   *                   statistic, sup_t |mean_SGD - mean_SDE|)
   * @param perStat    per statistic: mean over seeds of its sup error (LAW: sup_t |std diff|)
   * @param tlog       per seed: mean over statistics of the tLog-RMSE (LAW: empty)
   * @param maxZ       LAW: largest |difference| / standard error over times and statistics (mean and std); else NaN
   */
  public record Dim(int d, int seeds, int failed, double[] sup, Map<String, Double> perStat, double[] tlog, double maxZ) {
    public double mean() {
      return Metrics.mean(sup);
    }

    /** Standard error of the mean over seeds. */
    public double se() {
      return Metrics.std(sup) / Math.sqrt(sup.length);
    }

    public double min() {
      double m = Double.POSITIVE_INFINITY;
      for (double x : sup) m = Math.min(m, x);
      return m;
    }

    public double max() {
      double m = 0;
      for (double x : sup) m = Math.max(m, x);
      return m;
    }
  }

  /** An oracle with the measured value. */
  public record OracleCheck(ValidationCase.Oracle oracle, double measured, boolean pass, String note) {}

  /** Rate (or law) check and every oracle passed. */
  public boolean passed() {
    if (!rateOk) return false;
    for (OracleCheck o : oracles) if (!o.pass()) return false;
    return true;
  }
}
