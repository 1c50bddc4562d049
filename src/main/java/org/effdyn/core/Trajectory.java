package org.effdyn.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable solution on a time grid: times t_i, states u(t_i) in a {@link StateLayout}, optional
 * derived columns (after the state columns), the events recorded on the way, solver statistics and
 * provenance (model, regime, solver options, seed) for the writers. A solve stopped by an event ends
 * at the event time; its last row is the event state.
 */
public final class Trajectory {
  /** An event occurrence: its name, time and the state there. */
  public record EventRecord(String name, double t, double[] state) {
    public EventRecord {
      state = state.clone();
    }
  }

  private final StateLayout layout;
  private final double[] times;
  private final double[][] states;
  private final List<String> derivedNames;
  private final double[][] derived;
  private final List<EventRecord> events;
  private final SolveStats stats;
  private final Map<String, Object> provenance;

  /** A trajectory with no derived columns, events or provenance. */
  public Trajectory(StateLayout layout, double[] times, double[][] states, SolveStats stats) {
    this(layout, times, states, List.of(), new double[times.length][0], List.of(), stats, Map.of());
  }

  public Trajectory(StateLayout layout, double[] times, double[][] states, List<String> derivedNames,
      double[][] derived, List<EventRecord> events, SolveStats stats, Map<String, Object> provenance) {
    if (times.length != states.length || times.length != derived.length) {
      throw new IllegalArgumentException("times, states and derived rows differ in length: "
          + times.length + ", " + states.length + ", " + derived.length);
    }
    for (int i = 0; i < states.length; i++) {
      if (states[i].length != layout.size() || derived[i].length != derivedNames.size()) {
        throw new IllegalArgumentException("row " + i + " has the wrong width");
      }
    }
    this.layout = layout;
    this.times = times.clone();
    this.states = deepCopy(states);
    this.derivedNames = List.copyOf(derivedNames);
    this.derived = deepCopy(derived);
    this.events = List.copyOf(events);
    this.stats = stats;
    this.provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
  }

  /** The same data with derived columns added (e.g. errors, energies). */
  public Trajectory withDerived(List<String> names, double[][] values) {
    List<String> n = new ArrayList<>(derivedNames);
    n.addAll(names);
    double[][] d = new double[times.length][];
    for (int i = 0; i < times.length; i++) {
      d[i] = new double[n.size()];
      System.arraycopy(derived[i], 0, d[i], 0, derived[i].length);
      System.arraycopy(values[i], 0, d[i], derived[i].length, names.size());
    }
    return new Trajectory(layout, times, states, n, d, events, stats, provenance);
  }

  /** The same data with more provenance entries. */
  public Trajectory withProvenance(Map<String, Object> more) {
    Map<String, Object> p = new LinkedHashMap<>(provenance);
    p.putAll(more);
    return new Trajectory(layout, times, states, derivedNames, derived, events, stats, p);
  }

  public StateLayout layout() {
    return layout;
  }

  /** Number of rows. */
  public int size() {
    return times.length;
  }

  public double time(int i) {
    return times[i];
  }

  public double[] times() {
    return times.clone();
  }

  /** Copy of u(t_i). */
  public double[] state(int i) {
    return states[i].clone();
  }

  /** Copy of the final state. */
  public double[] finalState() {
    return states[states.length - 1].clone();
  }

  /** One column by name: a state coordinate ({@code m}, {@code Rperp[1,2]}) or a derived column. */
  public double[] column(String name) {
    double[] c = new double[times.length];
    if (layout.contains(name)) {
      int j = layout.indexOf(name);
      for (int i = 0; i < c.length; i++) c[i] = states[i][j];
      return c;
    }
    int j = derivedNames.indexOf(name);
    if (j < 0) {
      throw new IllegalArgumentException("unknown column '" + name + "'; known: " + columnNames());
    }
    for (int i = 0; i < c.length; i++) c[i] = derived[i][j];
    return c;
  }

  /** Column names without {@code t}: state names then derived names. */
  public List<String> columnNames() {
    List<String> n = new ArrayList<>(layout.names());
    n.addAll(derivedNames);
    return n;
  }

  public List<String> derivedNames() {
    return derivedNames;
  }

  public List<EventRecord> events() {
    return events;
  }

  public SolveStats stats() {
    return stats;
  }

  public Map<String, Object> provenance() {
    return provenance;
  }

  /** Row i as written to files: t, the state, the derived columns. */
  public double[] row(int i) {
    double[] r = new double[1 + layout.size() + derivedNames.size()];
    r[0] = times[i];
    System.arraycopy(states[i], 0, r, 1, layout.size());
    System.arraycopy(derived[i], 0, r, 1 + layout.size(), derivedNames.size());
    return r;
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
    return c;
  }
}
