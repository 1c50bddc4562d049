/**
 * The {@code effdyn} command line (picocli): {@code run CARD} and {@code models}. Expected failures
 * print one line on stderr and exit with 2 (bad input or usage) or 1 (a failed run).
 */
package org.effdyn.cli;
