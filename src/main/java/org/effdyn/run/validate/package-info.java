/**
 * Validation of the limits against finite-d SGD: {@link org.effdyn.run.validate.ValidationRunner}
 * runs one case (SGD at several d and seeds against the limit, the error's spread and its fitted rate
 * in d, oracle values), {@link org.effdyn.run.validate.ValidationSuite} runs the cases of a directory,
 * and {@link org.effdyn.run.validate.Report} writes each case's Markdown report with its charts.
 */
package org.effdyn.run.validate;
