/**
 * The validation suite: finite-d SGD held against its d → ∞ limit, case by case
 * ({@code validation/*.yaml}, {@link org.effdyn.validate.ValidationCase}), with errors per dimension,
 * their spread over seeds, the fitted log-log rate with a confidence interval, pass/fail against the
 * expected rate and the spec's oracle values, and a report (Markdown, PNG, SVG) under
 * {@code validation/reports/}. Any registered model can be validated by a YAML file alone; a model whose
 * limit is iteration-indexed and computed as a whole (the DMF, {@link org.effdyn.core.IterationLimit})
 * is compared with finite-d runs iteration by iteration, with the seed-mean bias and d·Var at the last
 * iteration. See docs/validation.md.
 */
package org.effdyn.validate;
