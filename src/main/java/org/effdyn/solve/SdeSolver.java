package org.effdyn.solve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.Check;
import org.effdyn.core.Dynamics;
import org.effdyn.core.SolveStats;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;

/**
 * Euler-Maruyama for the Ito SDE du = h(u) dt + b(u) dB with general (non-diagonal) b, q = noise
 * dimension:
 * \[ u_{n+1} = u_n + h(u_n)\,\Delta t + b(u_n)\,\Delta W_n, \qquad \Delta W_n \sim N(0, \Delta t\, I_q). \]
 * Strong order 1/2, weak order 1. The step is the largest Delta t &lt;= dt that divides the output
 * spacing, so every grid time is hit exactly. Immutable; each solve allocates its work arrays once.
 */
public final class SdeSolver {
  private final double dt;
  private final double blowUp;

  /** Euler-Maruyama with step at most dt; a coordinate beyond 1e12 is a blow-up. */
  public SdeSolver(double dt) {
    this(dt, 1e12);
  }

  public SdeSolver(double dt, double blowUp) {
    this.dt = Check.positiveFinite("sde.dt", dt);
    this.blowUp = Check.positiveFinite("sde.blow_up", blowUp);
  }

  public double dt() {
    return dt;
  }

  /** Sub-steps per output interval: ceil(spacing / dt). */
  public int substeps(TimeGrid grid) {
    return (int) Math.max(1, Math.ceil(grid.spacing() / dt * (1 - 1e-12)));
  }

  /** Solves one path with Gaussian increments drawn from rng. */
  public Trajectory solve(Dynamics dynamics, double[] u0, TimeGrid grid, UniformRandomProvider rng) {
    return solve(dynamics, u0, grid, NoiseSource.gaussian(rng));
  }

  /** Solves one path with the given increments (tests use it to share one Brownian path across dt). */
  public Trajectory solve(Dynamics dynamics, double[] u0, TimeGrid grid, NoiseSource noise) {
    StateLayout layout = dynamics.layout();
    int n = layout.size();
    Check.length("initial state", u0, n);
    Check.allFinite("initial state", u0);
    int q = dynamics.noiseDimension();
    long start = System.nanoTime();
    int sub = substeps(grid);
    double h = grid.spacing() / sub;
    double[] u = u0.clone();
    double[] f = new double[n];
    double[] dW = new double[q];
    double[][] b = new double[n][q];
    double[][] out = new double[grid.samples()][];
    out[0] = u.clone();
    long evals = 0;
    long steps = 0;
    for (int i = 1; i < grid.samples(); i++) {
      double tBase = grid.time(i - 1);
      for (int s = 0; s < sub; s++) {
        dynamics.drift(u, f);
        evals++;
        if (q > 0) {
          dynamics.diffusion(u, b);
          noise.increments(h, dW);
        }
        for (int j = 0; j < n; j++) {
          double du = f[j] * h;
          double[] bj = b[j];
          for (int k = 0; k < q; k++) du += bj[k] * dW[k];
          u[j] += du;
        }
        steps++;
        for (int j = 0; j < n; j++) {
          if (!Double.isFinite(u[j]) || Math.abs(u[j]) > blowUp) {
            double t = tBase + (s + 1) * h;
            throw new IntegrationException("euler-maruyama",
                Double.isFinite(u[j]) ? IntegrationException.Reason.BLOW_UP
                    : IntegrationException.Reason.NON_FINITE_STATE,
                t, u, layout, new SolveStats(evals, steps, 0, System.nanoTime() - start),
                "the SDE leaves its domain or explodes; reduce dt, or check the parameters", null);
          }
        }
      }
      out[i] = u.clone();
    }
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("solver", "euler-maruyama");
    prov.put("dt", h);
    return new Trajectory(layout, grid.times(), out, List.of(), new double[out.length][0], List.of(),
        new SolveStats(evals, steps, 0, System.nanoTime() - start), prov);
  }
}
