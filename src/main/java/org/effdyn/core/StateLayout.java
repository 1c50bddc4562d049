package org.effdyn.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Named coordinates of a summary-statistic vector u. A layout is a sequence of blocks:
 * <ul>
 *   <li>a scalar, e.g. {@code m}: one coordinate named {@code m};</li>
 *   <li>a vector of length n, e.g. {@code v}: coordinates {@code v[1]} .. {@code v[n]};</li>
 *   <li>a matrix r x c, e.g. {@code R}: coordinates {@code R[i,j]}, row-major;</li>
 *   <li>a symmetric n x n matrix, e.g. {@code Rperp}: one coordinate per pair i &lt;= j,
 *       {@code Rperp[i,j]}, packed row by row of the upper triangle.</li>
 * </ul>
 * Indices are 1-based in names (design.md, "Names of the statistics"). Immutable.
 */
public final class StateLayout {
  /** Kind of a block. */
  public enum Kind { SCALAR, VECTOR, MATRIX, SYMMETRIC }

  /** One named block: its kind, shape and offset into u. */
  public record Block(String name, Kind kind, int rows, int cols, int offset) {
    /** Number of coordinates the block occupies. */
    public int size() {
      return switch (kind) {
        case SCALAR -> 1;
        case VECTOR -> rows;
        case MATRIX -> rows * cols;
        case SYMMETRIC -> rows * (rows + 1) / 2;
      };
    }

    /** Index into u of entry (i, j), 0-based; for symmetric blocks either order works. */
    public int index(int i, int j) {
      switch (kind) {
        case SCALAR: return offset;
        case VECTOR: return offset + i;
        case MATRIX: return offset + i * cols + j;
        default:
          int a = Math.min(i, j);
          int b = Math.max(i, j);
          // rows before a contribute n, n-1, ..., n-a+1 entries
          return offset + a * rows - a * (a - 1) / 2 + (b - a);
      }
    }
  }

  private final List<Block> blocks;
  private final String[] names;
  private final Map<String, Integer> index;

  private StateLayout(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
    List<String> n = new ArrayList<>();
    for (Block b : blocks) {
      switch (b.kind()) {
        case SCALAR -> n.add(b.name());
        case VECTOR -> {
          for (int i = 0; i < b.rows(); i++) n.add(b.name() + "[" + (i + 1) + "]");
        }
        case MATRIX -> {
          for (int i = 0; i < b.rows(); i++)
            for (int j = 0; j < b.cols(); j++) n.add(b.name() + "[" + (i + 1) + "," + (j + 1) + "]");
        }
        case SYMMETRIC -> {
          for (int i = 0; i < b.rows(); i++)
            for (int j = i; j < b.rows(); j++) n.add(b.name() + "[" + (i + 1) + "," + (j + 1) + "]");
        }
      }
    }
    this.names = n.toArray(String[]::new);
    Map<String, Integer> idx = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      if (idx.put(names[i], i) != null) {
        throw new IllegalArgumentException("duplicate coordinate name " + names[i]);
      }
    }
    this.index = Collections.unmodifiableMap(idx);
  }

  /** Starts a layout. */
  public static Builder builder() {
    return new Builder();
  }

  /** Layout of plain scalars, in order. */
  public static StateLayout scalars(String... names) {
    Builder b = builder();
    for (String n : names) b.scalar(n);
    return b.build();
  }

  /** Number of coordinates. */
  public int size() {
    return names.length;
  }

  /** Coordinate names in order, e.g. {@code m, r2perp} or {@code Rperp[1,2]}; the CSV header. */
  public List<String> names() {
    return List.of(names);
  }

  /** Name of coordinate i. */
  public String name(int i) {
    return names[i];
  }

  /** The blocks in order. */
  public List<Block> blocks() {
    return blocks;
  }

  /** The block with this name. */
  public Block block(String name) {
    for (Block b : blocks) if (b.name().equals(name)) return b;
    throw new IllegalArgumentException("unknown statistic block '" + name + "'; known: " + blockNames());
  }

  /** True if a block has this name. */
  public boolean hasBlock(String name) {
    for (Block b : blocks) if (b.name().equals(name)) return true;
    return false;
  }

  /** Index of a coordinate by its full name ({@code m}, {@code Rperp[1,2]}, {@code Rperp[2,1]}). */
  public int indexOf(String name) {
    Integer i = lookup(name);
    if (i == null) {
      throw new IllegalArgumentException("unknown statistic '" + name + "'; known: " + index.keySet());
    }
    return i;
  }

  /** True if {@link #indexOf} would succeed. */
  public boolean contains(String name) {
    return lookup(name) != null;
  }

  /** Index of a full name; swapped indices only resolve inside a symmetric block. */
  private Integer lookup(String name) {
    Integer i = index.get(name);
    if (i != null) return i;
    Integer j = index.get(swapIndices(name));
    if (j == null) return null;
    for (Block b : blocks) {
      if (j >= b.offset() && j < b.offset() + b.size()) return b.kind() == Kind.SYMMETRIC ? j : null;
    }
    return null;
  }

  /** Unpacks a matrix or symmetric block of u into a full 2-D array (symmetric: both halves). */
  public double[][] matrix(String block, double[] u) {
    Block b = block(block);
    int cols = b.kind() == Kind.SYMMETRIC ? b.rows() : b.cols();
    double[][] out = new double[b.rows()][cols];
    for (int i = 0; i < b.rows(); i++)
      for (int j = 0; j < cols; j++) out[i][j] = u[b.index(i, j)];
    return out;
  }

  /** Packs a full matrix into block of u; a symmetric block reads the upper triangle. */
  public void setMatrix(String block, double[][] m, double[] u) {
    Block b = block(block);
    int cols = b.kind() == Kind.SYMMETRIC ? b.rows() : b.cols();
    if (m.length != b.rows() || (m.length > 0 && m[0].length != cols)) {
      throw new IllegalArgumentException(block + " must be " + b.rows() + "x" + cols);
    }
    for (int i = 0; i < b.rows(); i++)
      for (int j = (b.kind() == Kind.SYMMETRIC ? i : 0); j < cols; j++) u[b.index(i, j)] = m[i][j];
  }

  private List<String> blockNames() {
    List<String> l = new ArrayList<>();
    for (Block b : blocks) l.add(b.name());
    return l;
  }

  private static String swapIndices(String name) {
    int open = name.indexOf('[');
    int comma = name.indexOf(',');
    if (open < 0 || comma < 0 || !name.endsWith("]")) return name;
    return name.substring(0, open + 1) + name.substring(comma + 1, name.length() - 1) + ","
        + name.substring(open + 1, comma) + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateLayout s && s.blocks.equals(blocks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(blocks);
  }

  @Override
  public String toString() {
    return "StateLayout" + List.of(names);
  }

  /** Builds a layout block by block. */
  public static final class Builder {
    private final List<Block> blocks = new ArrayList<>();
    private int offset;

    private Builder add(String name, Kind kind, int rows, int cols) {
      if (name == null || name.isEmpty() || name.contains("[")) {
        throw new IllegalArgumentException("bad block name '" + name + "'");
      }
      Block b = new Block(name, kind, rows, cols, offset);
      offset += b.size();
      blocks.add(b);
      return this;
    }

    public Builder scalar(String name) {
      return add(name, Kind.SCALAR, 1, 1);
    }

    public Builder vector(String name, int n) {
      Check.atLeast(name + " length", n, 1);
      return add(name, Kind.VECTOR, n, 1);
    }

    public Builder matrix(String name, int rows, int cols) {
      Check.atLeast(name + " rows", rows, 1);
      Check.atLeast(name + " cols", cols, 1);
      return add(name, Kind.MATRIX, rows, cols);
    }

    public Builder symmetric(String name, int n) {
      Check.atLeast(name + " size", n, 1);
      return add(name, Kind.SYMMETRIC, n, n);
    }

    public StateLayout build() {
      return new StateLayout(blocks);
    }
  }
}
