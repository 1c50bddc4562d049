package org.effdyn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Names, packing and lookup of {@link StateLayout}. All checks are exact (integer indices, copies). */
class StateLayoutTest {

  /** m, v[1..2], R (2x3, row-major), Rperp (symmetric 3x3, upper triangle row by row). */
  static StateLayout mixed() {
    return StateLayout.builder().scalar("m").vector("v", 2).matrix("R", 2, 3).symmetric("Rperp", 3).build();
  }

  @Test
  void namesAreOneBasedInBlockOrder() {
    assertThat(mixed().names()).containsExactly(
        "m",
        "v[1]", "v[2]",
        "R[1,1]", "R[1,2]", "R[1,3]", "R[2,1]", "R[2,2]", "R[2,3]",
        "Rperp[1,1]", "Rperp[1,2]", "Rperp[1,3]", "Rperp[2,2]", "Rperp[2,3]", "Rperp[3,3]");
    assertThat(mixed().size()).isEqualTo(1 + 2 + 6 + 6);
    assertThat(mixed().name(10)).isEqualTo("Rperp[1,2]");
  }

  @Test
  void scalarsFactoryKeepsOrder() {
    StateLayout l = StateLayout.scalars("m", "r2perp");
    assertThat(l.names()).containsExactly("m", "r2perp");
    assertThat(l.indexOf("r2perp")).isEqualTo(1);
  }

  @Test
  void blockOffsetsAndSizes() {
    List<StateLayout.Block> b = mixed().blocks();
    assertThat(b).extracting(StateLayout.Block::offset).containsExactly(0, 1, 3, 9);
    assertThat(b).extracting(StateLayout.Block::size).containsExactly(1, 2, 6, 6);
    assertThat(mixed().block("Rperp").kind()).isEqualTo(StateLayout.Kind.SYMMETRIC);
    assertThat(mixed().hasBlock("R")).isTrue();
    assertThat(mixed().hasBlock("Q")).isFalse();
  }

  @Test
  void symmetricPackingVisitsEveryPairOnceAndMatchesNames() {
    for (int n = 1; n <= 7; n++) {
      StateLayout l = StateLayout.builder().scalar("a").symmetric("S", n).build();
      StateLayout.Block s = l.block("S");
      Set<Integer> seen = new HashSet<>();
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
          int k = s.index(i, j);
          assertThat(seen.add(k)).as("pair (%d,%d) of n=%d gets a fresh index", i, j, n).isTrue();
          assertThat(s.index(j, i)).as("swapped pair").isEqualTo(k);
          assertThat(l.name(k)).isEqualTo("S[" + (i + 1) + "," + (j + 1) + "]");
        }
      }
      // n(n+1)/2 distinct indices filling exactly [offset, offset + size)
      assertThat(seen).hasSize(n * (n + 1) / 2);
      for (int k = 1; k < 1 + n * (n + 1) / 2; k++) assertThat(seen).contains(k);
    }
  }

  @Test
  void matrixAndVectorIndexMatchNames() {
    StateLayout l = mixed();
    StateLayout.Block r = l.block("R");
    for (int i = 0; i < 2; i++)
      for (int j = 0; j < 3; j++) assertThat(l.name(r.index(i, j))).isEqualTo("R[" + (i + 1) + "," + (j + 1) + "]");
    assertThat(l.name(l.block("v").index(1, 0))).isEqualTo("v[2]");
    assertThat(l.block("m").index(0, 0)).isZero();
  }

  @Test
  void indexOfAcceptsSwappedIndicesForSymmetricBlocks() {
    StateLayout l = mixed();
    assertThat(l.indexOf("Rperp[1,2]")).isEqualTo(10);
    assertThat(l.indexOf("Rperp[2,1]")).isEqualTo(10);
    assertThat(l.indexOf("Rperp[3,2]")).isEqualTo(l.indexOf("Rperp[2,3]"));
    assertThat(l.contains("Rperp[3,1]")).isTrue();
    assertThat(l.indexOf("m")).isZero();
    assertThat(l.indexOf("v[2]")).isEqualTo(2);
  }

  @Test
  void indexOfDoesNotSwapForPlainMatrices() {
    StateLayout l = mixed();
    // R is 2x3: R[1,3] exists, R[3,1] does not and must not be read as R[1,3]
    assertThat(l.indexOf("R[1,2]")).isEqualTo(4);
    assertThat(l.indexOf("R[2,1]")).isEqualTo(6);
    assertThat(l.contains("R[3,1]")).isFalse();
  }

  @Test
  void unknownNameErrorNamesTheName() {
    assertThatThrownBy(() -> mixed().indexOf("q"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'q'");
    assertThatThrownBy(() -> mixed().indexOf("Rperp[4,1]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Rperp[4,1]");
    assertThatThrownBy(() -> mixed().block("Q"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Q'");
    assertThat(mixed().contains("q")).isFalse();
  }

  @Test
  void duplicateNamesAreRejected() {
    assertThatThrownBy(() -> StateLayout.scalars("m", "m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate")
        .hasMessageContaining("m");
    assertThatThrownBy(() -> StateLayout.builder().vector("v", 2).vector("v", 3).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("v[1]");
  }

  @Test
  void badBlocksAreRejected() {
    assertThatThrownBy(() -> StateLayout.builder().scalar("a[1]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StateLayout.builder().scalar(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StateLayout.builder().symmetric("S", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("S size");
  }

  @Test
  void symmetricMatrixRoundTrip() {
    StateLayout l = mixed();
    double[][] s = {{1, 2, 3}, {2, 4, 5}, {3, 5, 6}};
    double[] u = new double[l.size()];
    l.setMatrix("Rperp", s, u);
    assertThat(u[l.indexOf("Rperp[1,3]")]).isEqualTo(3.0);
    assertThat(u[l.indexOf("Rperp[3,3]")]).isEqualTo(6.0);
    assertThat(l.matrix("Rperp", u)).isDeepEqualTo(s);
    // other blocks untouched
    for (int k = 0; k < 9; k++) assertThat(u[k]).isZero();
  }

  @Test
  void symmetricSetMatrixReadsTheUpperTriangle() {
    StateLayout l = StateLayout.builder().symmetric("S", 2).build();
    double[] u = new double[l.size()];
    l.setMatrix("S", new double[][] {{1, 2}, {99, 3}}, u);
    assertThat(u).containsExactly(1, 2, 3);
    assertThat(l.matrix("S", u)).isDeepEqualTo(new double[][] {{1, 2}, {2, 3}});
  }

  @Test
  void rectangularMatrixRoundTrip() {
    StateLayout l = mixed();
    double[][] r = {{1, 2, 3}, {4, 5, 6}};
    double[] u = new double[l.size()];
    l.setMatrix("R", r, u);
    assertThat(u).startsWith(0, 0, 0, 1, 2, 3, 4, 5, 6);
    assertThat(l.matrix("R", u)).isDeepEqualTo(r);
  }

  @Test
  void setMatrixRejectsWrongShape() {
    double[] u = new double[mixed().size()];
    assertThatThrownBy(() -> mixed().setMatrix("R", new double[][] {{1, 2}, {3, 4}}, u))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2x3");
  }

  @Test
  void equalityFollowsBlocks() {
    assertThat(mixed()).isEqualTo(mixed()).hasSameHashCodeAs(mixed());
    assertThat(StateLayout.scalars("a", "b")).isNotEqualTo(StateLayout.scalars("b", "a"));
  }
}
