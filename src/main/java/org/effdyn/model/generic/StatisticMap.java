package org.effdyn.model.generic;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.hipparchus.linear.MatrixUtils;

/**
 * A change of coordinates between the engine's statistics (m, R⊥, θ) of {@link StatisticsLayout} and a
 * model's own statistics (XOR's {@code v, mmu, mnu}; the committee's {@code Q, R, v}), used to
 * present the engine's drift in the model's names and to compare it with a hand-written drift.
 *
 * <p>The map φ: generic → model is a diffeomorphism; {@link #pushDrift} is its differential, so a drift
 * h of the generic statistics becomes Dφ(u)·h, the drift of the model statistics (exact: the
 * statistics are deterministic functions of each other). Implementations are immutable and
 * thread-safe, and allocate nothing in the three maps.
 */
public interface StatisticMap {
  /** The engine's layout. */
  StateLayout generic();

  /** The model's layout. */
  StateLayout model();

  /** Writes the generic statistics of a model state. */
  void toGeneric(double[] model, double[] generic);

  /** Writes the model statistics of a generic state. */
  void toModel(double[] generic, double[] model);

  /** Writes Dφ(u)·h: the model drift at the generic state u with generic drift h. */
  void pushDrift(double[] generic, double[] genericDrift, double[] modelDrift);

  /**
   * The generic dynamics seen in the model's coordinates: drift(u_model) = Dφ·h(φ⁻¹(u_model)).
   * Diffusion is not mapped (noiseDimension 0). Thread-safe, allocation-free after a thread's first call.
   */
  default Dynamics present(Dynamics genericDynamics) {
    if (!genericDynamics.layout().equals(generic())) {
      throw new IllegalArgumentException("dynamics layout " + genericDynamics.layout() + " is not the map's generic layout "
          + generic());
    }
    StatisticMap map = this;
    int n = generic().size();
    ThreadLocal<double[][]> buf = ThreadLocal.withInitial(() -> new double[2][n]);
    return new Dynamics() {
      @Override public StateLayout layout() {
        return map.model();
      }

      @Override public void drift(double[] u, double[] out) {
        double[][] b = buf.get();
        map.toGeneric(u, b[0]);
        genericDynamics.drift(b[0], b[1]);
        map.pushDrift(b[0], b[1], out);
      }

      @Override public String toString() {
        return genericDynamics + " in " + map.model();
      }
    };
  }

  /** The identity (the model uses the engine's layout, e.g. the k-GMM's m, Rperp). */
  static StatisticMap identity(StatisticsLayout s) {
    return renamed(s, s.layout(), UnaryOperator.identity());
  }

  /**
   * A renaming: every model coordinate equals one generic coordinate, {@code genericName.apply(modelName)}
   * (a bijection). Example, XOR: {@code v[i] -> theta[i]}, {@code mmu[i] -> m[i,1]},
   * {@code mnu[i] -> m[i,2]}, {@code Rperp[i,j] -> Rperp[i,j]}.
   *
   * @throws IllegalArgumentException if the sizes differ, a name is unknown or two model coordinates
   *     map to the same generic one
   */
  static StatisticMap renamed(StatisticsLayout s, StateLayout model, UnaryOperator<String> genericName) {
    Objects.requireNonNull(genericName, "genericName");
    StateLayout g = s.layout();
    if (model.size() != g.size()) {
      throw new IllegalArgumentException("model layout has " + model.size() + " coordinates, the generic layout "
          + g.size() + ": " + model + " vs " + g);
    }
    int[] idx = new int[model.size()];
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < idx.length; i++) {
      String name = genericName.apply(model.name(i));
      if (!g.contains(name)) {
        throw new IllegalArgumentException("model coordinate " + model.name(i) + " maps to unknown generic coordinate '"
            + name + "'; known: " + g.names());
      }
      idx[i] = g.indexOf(name);
      if (!seen.add(idx[i])) {
        throw new IllegalArgumentException("two model coordinates map to generic coordinate " + name);
      }
    }
    return new StatisticMap() {
      @Override public StateLayout generic() {
        return g;
      }

      @Override public StateLayout model() {
        return model;
      }

      @Override public void toGeneric(double[] u, double[] out) {
        for (int i = 0; i < idx.length; i++) out[idx[i]] = u[i];
      }

      @Override public void toModel(double[] u, double[] out) {
        for (int i = 0; i < idx.length; i++) out[i] = u[idx[i]];
      }

      @Override public void pushDrift(double[] u, double[] h, double[] out) {
        toModel(h, out);
      }
    };
  }

  /**
   * Teacher–student presentation (the committee): model blocks, in this order, {@code gramName}
   * (symmetric p × p) = the full Gram R = m N̄⁻¹ mᵀ + R⊥, {@code overlapName} (p × q) = m, and, if
   * k0 &gt; 0, {@code headName} (length k0) = θ. The drift of the Gram block is the chain rule
   * \( \dot R = \dot m\,\alpha^T + \alpha\,\dot m^T + \dot R^\perp \), α = m N̄⁻¹ (exact: s = α t + Z⊥
   * sample by sample).
   *
   * @param nbar the anchors' Gram N̄ (q × q, positive definite)
   */
  static StatisticMap gram(StatisticsLayout s, double[][] nbar, String gramName, String overlapName, String headName) {
    int p = s.p();
    int q = s.q();
    int k0 = s.k0();
    if (nbar.length != q) throw new IllegalArgumentException("nbar must be " + q + " x " + q + ", got " + nbar.length + " rows");
    double[][] inv = MatrixUtils.inverse(MatrixUtils.createRealMatrix(nbar)).getData();
    StateLayout.Builder b = StateLayout.builder().symmetric(gramName, p).matrix(overlapName, p, q);
    if (k0 > 0) b.vector(headName, k0);
    StateLayout model = b.build();
    StateLayout.Block gB = model.block(gramName);
    StateLayout.Block mB = model.block(overlapName);
    int headOff = k0 > 0 ? model.block(headName).offset() : 0;
    ThreadLocal<double[][]> alphaBuf = ThreadLocal.withInitial(() -> new double[p][q]);
    return new StatisticMap() {
      @Override public StateLayout generic() {
        return s.layout();
      }

      @Override public StateLayout model() {
        return model;
      }

      /** α = m N̄⁻¹ from m stored by index function. */
      private double[][] alpha(double[] u, boolean modelLayout) {
        double[][] al = alphaBuf.get();
        for (int a = 0; a < p; a++) {
          for (int c = 0; c < q; c++) {
            double x = 0;
            for (int e = 0; e < q; e++) x += (modelLayout ? u[mB.index(a, e)] : u[s.m(a, e)]) * inv[e][c];
            al[a][c] = x;
          }
        }
        return al;
      }

      @Override public void toGeneric(double[] u, double[] out) {
        double[][] al = alpha(u, true);
        for (int a = 0; a < p; a++) {
          for (int c = 0; c < q; c++) out[s.m(a, c)] = u[mB.index(a, c)];
          for (int e = a; e < p; e++) {
            double x = 0;
            for (int c = 0; c < q; c++) x += al[a][c] * u[mB.index(e, c)];
            out[s.rperp(a, e)] = u[gB.index(a, e)] - x;
          }
        }
        for (int j = 0; j < k0; j++) out[s.theta(j)] = u[headOff + j];
      }

      @Override public void toModel(double[] u, double[] out) {
        double[][] al = alpha(u, false);
        for (int a = 0; a < p; a++) {
          for (int c = 0; c < q; c++) out[mB.index(a, c)] = u[s.m(a, c)];
          for (int e = a; e < p; e++) {
            double x = 0;
            for (int c = 0; c < q; c++) x += al[a][c] * u[s.m(e, c)];
            out[gB.index(a, e)] = u[s.rperp(a, e)] + x;
          }
        }
        for (int j = 0; j < k0; j++) out[headOff + j] = u[s.theta(j)];
      }

      @Override public void pushDrift(double[] u, double[] h, double[] out) {
        double[][] al = alpha(u, false);
        for (int a = 0; a < p; a++) {
          for (int c = 0; c < q; c++) out[mB.index(a, c)] = h[s.m(a, c)];
          for (int e = a; e < p; e++) {
            double x = h[s.rperp(a, e)];
            for (int c = 0; c < q; c++) x += h[s.m(a, c)] * al[e][c] + al[a][c] * h[s.m(e, c)];
            out[gB.index(a, e)] = x;
          }
        }
        for (int j = 0; j < k0; j++) out[headOff + j] = h[s.theta(j)];
      }
    };
  }
}
