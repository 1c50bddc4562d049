/**
 * Solvers: {@link org.effdyn.solve.OdeSolver} (Hipparchus adaptive and fixed-step integrators with
 * dense output on an explicit grid, events and failure reports), {@link org.effdyn.solve.SdeSolver}
 * (Euler-Maruyama, Ito, general noise) and {@link org.effdyn.solve.Ensemble} (many paths in
 * parallel, bit-identical for any thread count).
 */
package org.effdyn.solve;
