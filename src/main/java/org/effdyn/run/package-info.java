/**
 * Scenario cards and outputs: {@link org.effdyn.card.Scenario} reads a YAML card (errors name file,
 * line, field and value: {@link org.effdyn.card.ScenarioException}); {@link org.effdyn.run.ScenarioRunner}
 * runs it (limit ODE or SDE ensemble, optional finite-d SGD, per variant) and writes CSV files, a
 * chart and the run record {@code run.json}, each atomically. Design: ../shared/design.md
 * ("Scenario files").
 */
package org.effdyn.run;

import org.effdyn.card.Scenario;
