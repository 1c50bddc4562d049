package org.effdyn.gauss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Smolyak sparse grids for N(0, I_r) by the combination technique (Smolyak 1963; Gerstner and
 * Griebel, "Numerical integration using sparse grids", Numer. Algorithms 18, 1998; docs/kgmm.md):
 * \[ A(\ell, r) = \sum_{\ell - r + 1 \le |\mathbf l| \le \ell} (-1)^{\ell - |\mathbf l|}
 *    \binom{r - 1}{\ell - |\mathbf l|}\; Q_{l_1} \otimes \cdots \otimes Q_{l_r},\qquad l_j \ge 0, \]
 * with Q_l the (2l + 1)-point Gauss–Hermite rule for N(0, 1) ("slow growth": every level adds two
 * points per axis). A(ℓ, r) is exact for every polynomial of total degree at most 2ℓ + 1, and for
 * f analytic in a strip its error falls like exp(-c ℓ) up to powers of ℓ, against n^{-1/2}…n^{-1} for
 * QMC. Points of different tensor grids that coincide (the odd rules share the origin) are merged.
 *
 * <p>Symmetry: the rule is invariant, node set and weights, under every permutation and sign flip
 * of the coordinates, exactly in floating point: the 1-D rules are made exactly symmetric
 * (x_{n-1-k} = -x_k, equal weights) and every node takes the weight computed for its canonical
 * representative (sorted absolute coordinates). So for a covariance root that commutes with a
 * permutation of the classes, the cubature commutes with it too, and invariant sets of the exact flow
 * stay invariant up to summation-order rounding.
 *
 * <p>Hand-written: Hipparchus 4 has 1-D Gauss rules only, and no maintained Java library on Maven
 * Central offers sparse grids (Tasmanian and SG++ are C++/Python; the JVM has none with releases).
 * Weights can be negative; their absolute sum grows slowly with ℓ (about 3 at r = 10, ℓ = 4).
 */
final class SparseGrid {
  private SparseGrid() {}

  /** {flat nodes, weights} of A(level, dim). */
  static double[][] build(int dim, int level) {
    double[][][] rules = new double[level + 1][][];
    for (int l = 0; l <= level; l++) {
      rules[l] = symmetricHermite(2 * l + 1);
    }
    // node key: per coordinate a code 0 for the origin, +-(l * 256 + q + 1) for the q-th positive node
    // of rule l (q counts from the largest |x|); the sign is the coordinate's sign.
    Map<Key, double[]> acc = new LinkedHashMap<>();
    List<int[]> indices = new ArrayList<>();
    enumerate(new int[dim], 0, level, indices);
    for (int[] li : indices) {
      int s = 0;
      for (int v : li) s += v;
      int gap = level - s;
      if (gap > dim - 1) continue;
      double coef = binomial(dim - 1, gap) * ((gap & 1) == 0 ? 1 : -1);
      int[] digit = new int[dim];
      int count = 1;
      for (int v : li) count *= 2 * v + 1;
      for (int n = 0; n < count; n++) {
        int[] code = new int[dim];
        double w = coef;
        for (int j = 0; j < dim; j++) {
          int l = li[j];
          int p = digit[j];
          int np = 2 * l + 1;
          w *= rules[l][1][p];
          if (p == l) {
            code[j] = 0;
          } else {
            int q = p < l ? p : np - 1 - p;
            code[j] = (p < l ? -1 : 1) * (l * 256 + q + 1);
          }
        }
        acc.computeIfAbsent(new Key(code), c -> new double[1])[0] += w;
        for (int j = dim - 1; j >= 0; j--) {
          if (++digit[j] < 2 * li[j] + 1) break;
          digit[j] = 0;
        }
      }
    }
    List<Map.Entry<Key, double[]>> kept = new ArrayList<>();
    for (Map.Entry<Key, double[]> e : acc.entrySet()) {
      double w = acc.get(e.getKey().canonical())[0];
      if (w != 0) kept.add(e);
    }
    double[] nodes = new double[kept.size() * dim];
    double[] weights = new double[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      Key key = kept.get(i).getKey();
      weights[i] = acc.get(key.canonical())[0];
      for (int j = 0; j < dim; j++) {
        int c = key.code[j];
        if (c != 0) {
          int a = Math.abs(c) - 1;
          int l = a / 256;
          int q = a % 256;
          nodes[i * dim + j] = Math.signum(c) * rules[l][0][2 * l - q]; // positive node
        }
      }
    }
    return new double[][] {nodes, weights};
  }

  /**
   * The number of distinct nodes of A(level, dim) before dropping zero weights (an upper bound of
   * the rule's size, equal when dim > level, where no grid of lower total level has coefficient 0): a node whose coordinate j first appears in rule λ_j (λ = 0
   * for the origin, 2λ new points in rule λ >= 1) belongs to the grid iff Σ λ_j <= level.
   */
  static long size(int dim, int level) {
    long[] ways = new long[level + 1];
    ways[0] = 1;
    for (int j = 0; j < dim; j++) {
      long[] next = new long[level + 1];
      for (int s = 0; s <= level; s++) {
        if (ways[s] == 0) continue;
        next[s] += ways[s];
        for (int l = 1; s + l <= level; l++) next[s + l] += ways[s] * 2L * l;
      }
      ways = next;
    }
    long n = 0;
    for (long w : ways) n += w;
    return n;
  }

  private static void enumerate(int[] li, int j, int left, List<int[]> out) {
    if (j == li.length) {
      out.add(li.clone());
      return;
    }
    for (int v = 0; v <= left; v++) {
      li[j] = v;
      enumerate(li, j + 1, left - v, out);
    }
    li[j] = 0;
  }

  private static double binomial(int n, int r) {
    double b = 1;
    for (int i = 1; i <= r; i++) b = b * (n - r + i) / i;
    return Math.rint(b);
  }

  /** The n-point Gauss–Hermite rule for N(0, 1), made exactly sign-symmetric (n odd: x_{(n-1)/2} = 0). */
  static double[][] symmetricHermite(int n) {
    double[][] r = GaussianRule.hermite1dShared(n);
    double[] x = r[0].clone();
    double[] v = r[1].clone();
    for (int k = 0; k < n / 2; k++) {
      double xs = 0.5 * (x[n - 1 - k] - x[k]);
      double vs = 0.5 * (v[n - 1 - k] + v[k]);
      x[k] = -xs;
      x[n - 1 - k] = xs;
      v[k] = vs;
      v[n - 1 - k] = vs;
    }
    if ((n & 1) == 1) x[n / 2] = 0;
    double mass = 0;
    for (int k = 0; k < n / 2; k++) mass += 2 * v[k];
    if ((n & 1) == 1) mass += v[n / 2];
    for (int k = 0; k < n; k++) v[k] /= mass;
    return new double[][] {x, v};
  }

  private static final class Key {
    final int[] code;
    final int hash;

    Key(int[] code) {
      this.code = code;
      this.hash = Arrays.hashCode(code);
    }

    Key canonical() {
      int[] c = new int[code.length];
      for (int j = 0; j < c.length; j++) c[j] = Math.abs(code[j]);
      Arrays.sort(c);
      return new Key(c);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(code, k.code);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
