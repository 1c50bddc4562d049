/**
 * Analysis of limit dynamics alone (no SGD): fixed points by multi-start Newton with the analytic
 * Jacobian where the dynamics has one ({@link org.effdyn.core.HasJacobian}) and central differences
 * otherwise ({@link org.effdyn.analysis.Jacobians}); linear stability and its classification
 * ({@link org.effdyn.analysis.Stability}); pseudo-arclength continuation of a fixed-point branch in one
 * parameter with fold and branch-point detection ({@link org.effdyn.analysis.Continuation}); basins of
 * attraction from an initial law ({@link org.effdyn.analysis.Basins}); first-passage times of ODE and
 * SDE ensembles ({@link org.effdyn.analysis.FirstPassage}). See docs/analysis.md.
 */
package org.effdyn.analysis;
