/**
 * Shared SGD machinery: the simulator contract, recording on a time grid, and reproducible random
 * streams derived from (seed, index).
 */
package org.effdyn.sim;
