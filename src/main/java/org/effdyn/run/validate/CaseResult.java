package org.effdyn.run.validate;

import java.util.List;
import java.util.Map;
import org.effdyn.card.ValidationCase;
import org.effdyn.core.Trajectory;

/**
 * What one validation case measured.
 *
 * @param vcase     the case
 * @param full      full (large d) or quick run
 * @param dims      per dimension, in increasing d
 * @param fit       fitted log-log slope of the mean sup error (SUP_ERROR, ITERATION), else null
 * @param tlogFit   the same for the tLog-RMSE (reported, not judged), else null
 * @param rateOk    slope within rate ± band and errors decreasing (SUP_ERROR); max z within bound (LAW)
 * @param oracles   oracle checks
 * @param sgd       SGD recordings at the largest d (all seeds), for charts
 * @param limits    the limit from each of those runs' measured u(x_0) (SUP_ERROR), SDE paths (LAW), or
 *                  the one limit (ITERATION)
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
   * @param maxZ       LAW: largest |difference| / standard error over times and statistics (mean and std);
   *                   ITERATION: largest |seed-mean bias| / s.e. over the statistics at l = L−1; else NaN
   * @param endpoints  ITERATION: per compared statistic, the seed-mean bias and d·Var at l = L−1; else empty
   */
  public record Dim(int d, int seeds, int failed, double[] sup, Map<String, Double> perStat, double[] tlog, double maxZ,
      List<Endpoint> endpoints) {
    public Dim {
      endpoints = List.copyOf(endpoints);
    }

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

  /**
   * One statistic at the last iteration over the seeds of one d (docs/validation.md): bias of the
   * seed mean, expected O(1/d), and the fluctuation constant d·Var, expected to tend to a constant.
   *
   * @param statistic the statistic
   * @param bias      mean over seeds of (finite-d − limit)
   * @param se        its standard error: the seed spread / √S, combined with the limit's Monte Carlo error
   * @param dVar      d times the sample variance over seeds
   */
  public record Endpoint(String statistic, double bias, double se, double dVar) {
    /** |bias| in standard errors. */
    public double z() {
      return bias == 0 ? 0 : se == 0 ? Double.POSITIVE_INFINITY : Math.abs(bias) / se;
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
