package org.effdyn.core;

import java.util.List;

/**
 * Functions of the state written as extra columns after the state columns (summaries such as a
 * trace, errors, energies). A model offers them through {@link Model#derivedColumns()}; the scenario
 * runner appends them to limits and SGD recordings alike, and the run record lists them.
 */
public interface DerivedColumns {
  /** Column names, e.g. {@code tr_Rperp}. */
  List<String> names();

  /** Writes the columns for state u into out (length names().size()). */
  void compute(double[] u, double[] out);

  /** t with these columns appended. */
  default Trajectory appendTo(Trajectory t) {
    double[][] v = new double[t.size()][names().size()];
    for (int i = 0; i < t.size(); i++) compute(t.state(i), v[i]);
    return t.withDerived(names(), v);
  }
}
