package org.effdyn.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.effdyn.model.spectral.SpectrumStudy;

/** The CSV files of a {@link SpectrumStudy}: spectrum.csv, alignment.csv, vectors.csv (long format). */
public final class SpectrumFiles {
  private SpectrumFiles() {}

  /** spectrum.csv: d, seed, t, block, matrix, source, index, value (long format). */
  public static void writeEigenvalues(Path file, SpectrumStudy.Result r) {
    StringBuilder sb = new StringBuilder("d,seed,t,block,matrix,source,index,value\n");
    for (SpectrumStudy.Eigen e : r.eigenvalues()) {
      sb.append(String.format(Locale.ROOT, "%d,%d,%.10g,%s,%s,%s,%d,%.10g%n", e.d(), e.seed(), e.t(), e.block(), e.matrix(), e.source(), e.index(), e.value()));
    }
    AtomicFiles.write(file, out -> out.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * vectors.csv (k-GMM): d, seed, t, block, coordinate (1..d; the means μ_b are coordinates 1..k), x (the
   * entry of x^c), hessian_1..hessian_k and g_1..g_k (the entries of the top-k eigenvectors of Hess_cc and
   * Ĝ_cc, signs as in {@link SpectrumStudy.Vectors}); one row per coordinate of each d, seed and block.
   */
  public static void writeVectors(Path file, SpectrumStudy.Result r) {
    if (r.vectors().isEmpty()) throw new IllegalArgumentException("no coordinate vectors (k-GMM only)");
    int k = r.vectors().get(0).hessian().length;
    StringBuilder sb = new StringBuilder("d,seed,t,block,coordinate,x");
    for (String m : SpectrumStudy.MATRICES) for (int j = 1; j <= k; j++) sb.append(',').append(m).append('_').append(j);
    sb.append('\n');
    for (SpectrumStudy.Vectors v : r.vectors()) {
      for (int i = 0; i < v.x().length; i++) {
        sb.append(String.format(Locale.ROOT, "%d,%d,%.10g,%s,%d,%.10g", v.d(), v.seed(), v.t(), v.block(), i + 1, v.x()[i]));
        for (double[][] m : new double[][][] {v.hessian(), v.g()}) {
          for (double[] e : m) sb.append(String.format(Locale.ROOT, ",%.10g", e[i]));
        }
        sb.append('\n');
      }
    }
    AtomicFiles.write(file, out -> out.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** alignment.csv: d, seed, t, vector, block, matrix, source, dim, rho. */
  public static void writeAlignments(Path file, SpectrumStudy.Result r) {
    StringBuilder sb = new StringBuilder("d,seed,t,vector,block,matrix,source,dim,rho\n");
    for (SpectrumStudy.Align a : r.alignments()) {
      sb.append(String.format(Locale.ROOT, "%d,%d,%.10g,%s,%s,%s,%s,%d,%.10g%n", a.d(), a.seed(), a.t(), a.vector(), a.block(), a.matrix(), a.source(), a.dim(), a.rho()));
    }
    AtomicFiles.write(file, out -> out.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
