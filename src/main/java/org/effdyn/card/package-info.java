/**
 * YAML input: scenario cards ({@link org.effdyn.card.Scenario}, read by
 * {@link org.effdyn.card.CardReader}) and validation cases ({@link org.effdyn.card.ValidationCase}),
 * both through one section parser ({@link org.effdyn.card.CardSection} over
 * {@link org.effdyn.card.YamlTree}, which keeps line numbers), so that every error names file, line,
 * field and value ({@link org.effdyn.card.ScenarioException}). A model's
 * {@link org.effdyn.core.ParameterException} is placed at its card key by its field, not by its
 * message. {@link org.effdyn.card.ModelRegistry} lists the models by card name, one
 * {@link org.effdyn.card.ModelFactory} per model reading its {@code params}.
 */
package org.effdyn.card;
