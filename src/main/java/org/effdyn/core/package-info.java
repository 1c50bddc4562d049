/**
 * Core types shared by every model, the bottom layer that depends on no other EffDyn package: the
 * named coordinates of the summary statistics ({@link org.effdyn.core.StateLayout}), the limit
 * dynamics du = h(u) dt + b(u) dB ({@link org.effdyn.core.Dynamics}), trajectories as plain data
 * ({@link org.effdyn.core.Trajectory}; their files are written by {@code org.effdyn.run}), regimes,
 * initial laws, time grids, the {@link org.effdyn.core.Model} and {@link org.effdyn.core.Study}
 * interfaces, the finite-d simulator interface and its skeleton
 * ({@link org.effdyn.core.SgdSimulator}, {@link org.effdyn.core.AbstractSgdSimulator}), the
 * splittable random streams ({@link org.effdyn.core.RandomStreams}), and parameter checks that throw
 * a field-carrying {@link org.effdyn.core.ParameterException}.
 */
package org.effdyn.core;
