/**
 * Running: {@link org.effdyn.run.ScenarioRunner} runs a parsed card (limit ODE or SDE ensemble,
 * optional finite-d SGD, per variant), {@link org.effdyn.run.Sweep} sweeps its parameters,
 * {@link org.effdyn.run.FixedPointsRun} finds and continues fixed points, and
 * {@link org.effdyn.run.StudyFiles} turns the data of study models into files. Every output is
 * written here and only here, each file atomically ({@link org.effdyn.run.AtomicFiles}): CSV and
 * JSON ({@link org.effdyn.run.Outputs}), the run record {@code run.json}, and charts (XChart, an
 * optional dependency: {@link org.effdyn.run.ChartSupport}). Validation against SGD is in
 * {@code org.effdyn.run.validate}.
 */
package org.effdyn.run;
