/**
 * Core types shared by every model: the named coordinates of the summary statistics
 * ({@link org.effdyn.core.StateLayout}), the limit dynamics du = h(u) dt + b(u) dB
 * ({@link org.effdyn.core.Dynamics}), trajectories, regimes, initial laws and parameter checks.
 * Spec: ../shared/spec/models.md §0.
 */
package org.effdyn.core;
