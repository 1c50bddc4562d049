/**
 * The {@code effdyn} command line (picocli): {@code run}, {@code models}, {@code fixed-points},
 * {@code sweep} and {@code validate}. Expected failures
 * print one line on stderr and exit with 2 (bad input or usage) or 1 (a failed run).
 */
package org.effdyn.cli;
