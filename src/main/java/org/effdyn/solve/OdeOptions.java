package org.effdyn.solve;

import org.effdyn.core.Check;

/**
 * Options of {@link OdeSolver}. rtol/atol drive the adaptive methods' local error control
 * (|err_i| &lt;= atol + rtol |u_i|); {@code step} is the fixed-step methods' step (NaN: one tenth of
 * the output spacing) and the adaptive methods' maximum step (NaN: the whole interval).
 * {@code blowUp}: a state coordinate beyond it in absolute value is reported as a blow-up.
 */
public record OdeOptions(OdeMethod method, double rtol, double atol, double step, double minStep,
    int maxEvaluations, double blowUp) {

  public OdeOptions {
    if (method == null) throw new IllegalArgumentException("solver.method must be given");
    Check.positiveFinite("solver.rtol", rtol);
    Check.positiveFinite("solver.atol", atol);
    if (!Double.isNaN(step)) Check.positiveFinite("solver.step", step);
    Check.positiveFinite("solver.min_step", minStep);
    Check.atLeast("solver.max_evaluations", maxEvaluations, 1);
    Check.positiveFinite("solver.blow_up", blowUp);
  }

  /** Dormand-Prince 8(5,3), rtol 1e-9, atol 1e-12. */
  public static OdeOptions defaults() {
    return new OdeOptions(OdeMethod.DORMAND_PRINCE_853, 1e-9, 1e-12, Double.NaN, 1e-12, 10_000_000, 1e12);
  }

  public OdeOptions withMethod(OdeMethod m) {
    return new OdeOptions(m, rtol, atol, step, minStep, maxEvaluations, blowUp);
  }

  public OdeOptions withTolerances(double r, double a) {
    return new OdeOptions(method, r, a, step, minStep, maxEvaluations, blowUp);
  }

  public OdeOptions withStep(double h) {
    return new OdeOptions(method, rtol, atol, h, minStep, maxEvaluations, blowUp);
  }

  public OdeOptions withMinStep(double h) {
    return new OdeOptions(method, rtol, atol, step, h, maxEvaluations, blowUp);
  }

  public OdeOptions withMaxEvaluations(int n) {
    return new OdeOptions(method, rtol, atol, step, minStep, n, blowUp);
  }

  public OdeOptions withBlowUp(double b) {
    return new OdeOptions(method, rtol, atol, step, minStep, maxEvaluations, b);
  }
}
