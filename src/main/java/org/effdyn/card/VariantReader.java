package org.effdyn.card;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.effdyn.core.HasCost;
import org.effdyn.core.Model;
import org.effdyn.core.ParameterException;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.StateLayout;
import org.effdyn.core.Study;

/**
 * Reads a card's runs: its {@code variants} (or the one implicit variant of a card without them),
 * each with its own model from {@code params}, its initial values from {@code init}, and, when the
 * card simulates SGD, the values planted in the simulator (checked at load by building it).
 */
final class VariantReader {
  static final List<String> VARIANT = List.of("label", "params", "init");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]+");

  private final YamlTree y;
  private final ModelFactory factory;
  private final Regime regime;
  private final CardSection params;
  private final CardSection init;
  private final List<StateLayout> layouts = new ArrayList<>();
  private final boolean force;

  /** params and init: the card's sections, or null. */
  VariantReader(YamlTree y, ModelFactory factory, Regime regime, CardSection params, CardSection init) {
    this(y, factory, regime, params, init, false);
  }

  /** force: build limits over {@link Limits#MAX_STATE} statistics too. */
  VariantReader(YamlTree y, ModelFactory factory, Regime regime, CardSection params, CardSection init, boolean force) {
    this.force = force;
    this.y = y;
    this.factory = factory;
    this.regime = regime;
    this.params = params;
    this.init = init;
  }

  /** The state layout of each variant read so far (null for a {@link Study}). */
  List<StateLayout> layouts() {
    return layouts;
  }

  /** Every variant of the card, in order. */
  List<Scenario.Variant> read(CardSection root) {
    List<Scenario.Variant> variants = new ArrayList<>();
    CardValue list = root.get("variants");
    if (list == null) {
      variants.add(variant(null, null, null, null));
      return variants;
    }
    List<CardValue> items = list.items();
    if (items.isEmpty()) throw list.error("must list at least one variant (or leave variants out)");
    Set<String> labels = new HashSet<>();
    for (CardValue item : items) {
      CardSection v = item.section().allow(VARIANT);
      String label = v.require("label", "required: a name for this variant's output files").text();
      if (!LABEL.matcher(label).matches()) {
        throw v.error("label", "must use only letters, digits, '.', '_' and '-' (it names files), got '" + label + "'");
      }
      if (!labels.add(label)) throw v.error("label", "duplicate label '" + label + "'");
      variants.add(variant(label, v.path(), v.section("params"), v.section("init")));
    }
    return variants;
  }

  private Scenario.Variant variant(String label, String path, CardSection vParams, CardSection vInit) {
    try {
      return buildVariant(label, path, vParams, vInit);
    } catch (OutOfMemoryError e) {   // e.g. d: 2147483647 asks for an array over the VM's limit; nothing is kept
      throw y.error(path == null ? "params" : path + ".params", "model '" + factory.name()
          + "' with these parameters does not fit in memory (" + e.getMessage() + "); use smaller sizes");
    }
  }

  private Scenario.Variant buildVariant(String label, String path, CardSection vParams, CardSection vInit) {
    Model model = ModelReader.build(factory, y, params, path, vParams, label);
    if (model instanceof Study<?>) {      // iteration-indexed: no layout, init or events
      if (init != null) throw init.error("not used by model '" + factory.name() + "' (its limit is iteration-indexed)");
      if (vInit != null) throw vInit.error("not used by model '" + factory.name() + "'");
      if (y.has("events")) throw y.error("events", "not used by model '" + factory.name() + "' (its limit is iteration-indexed)");
      layouts.add(null);
      return new Scenario.Variant(label, model, Map.of(), Map.of());
    }
    if (!force && model instanceof HasCost c && c.stateDimension(regime) > Limits.MAX_STATE) {
      throw y.error(path == null ? "params" : path + ".params", "model '" + factory.name() + "' with these parameters has "
          + Limits.amount(c.stateDimension(regime)) + " statistics, over the limit of " + Limits.amount(Limits.MAX_STATE)
          + " (its drift costs " + c.driftCostClass() + ", about " + Limits.amount(c.driftWork(regime))
          + " operations per evaluation); use smaller sizes, or --force to run it anyway");
    }
    StateLayout layout;
    try {
      model.limit(regime);
      layout = model.initialLaw(regime).layout();
    } catch (IllegalArgumentException e) {
      throw y.error("regime", "model '" + factory.name() + "' has no " + regime.key() + " limit: " + e.getMessage());
    }
    layouts.add(layout);
    Map<String, Double> values = new LinkedHashMap<>();
    if (init != null) values.putAll(StatisticsReader.read(init, layout, Set.of("seed"), factory.name(), regime));
    if (vInit != null) values.putAll(StatisticsReader.read(vInit, layout, Set.of(), factory.name(), regime));
    return new Scenario.Variant(label, model, values, Map.of());
  }

  /**
   * The variants with their SGD plant: {@code simulate.plant} if given, else each variant's init.
   * Builds each dimension's simulator and plants the values once, so bad plants fail at load.
   */
  List<Scenario.Variant> plant(List<Scenario.Variant> variants, CardSection simulate, Scenario.Simulate sim) {
    List<Scenario.Variant> planted = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      Scenario.Variant v = variants.get(i);
      Map<String, Double> plant = v.init();
      String plantPath = "init";
      if (simulate.has("plant")) {
        plant = StatisticsReader.read(simulate.section("plant"), layouts.get(i), Set.of(), factory.name(), regime);
        plantPath = "simulate.plant";
      }
      try {
        if (!(v.model() instanceof Study<?>)) checkSimulator(v, sim, plant, plantPath);
      } catch (OutOfMemoryError e) {
        throw y.error("simulate.d", "the SGD simulator of model '" + factory.name() + "' at these dimensions does not "
            + "fit in memory (" + e.getMessage() + "); use smaller d");
      }
      planted.add(new Scenario.Variant(v.label(), v.model(), v.init(), plant));
    }
    return planted;
  }

  private void checkSimulator(Scenario.Variant v, Scenario.Simulate sim, Map<String, Double> plant, String plantPath) {
    int smallest = Integer.MAX_VALUE;
    for (int i = 0; i < sim.d().size(); i++) {
      int d = sim.d().get(i);
      String p = sim.d().size() == 1 && !y.has("simulate.d[0]") ? "simulate.d" : "simulate.d[" + i + "]";
      try {
        v.model().simulator(d, regime);
      } catch (IllegalArgumentException e) {
        throw y.error(p, e instanceof ParameterException pe && pe.field().equals("d") ? pe.reason()
            : String.valueOf(e.getMessage()));
      }
      smallest = Math.min(smallest, d);
    }
    try {
      SgdSimulator s = v.model().simulator(smallest, regime);
      s.initialize(RandomStreams.stream(0, 0), plant);
    } catch (IllegalArgumentException e) {
      String field = plantPath;
      String m = String.valueOf(e.getMessage());
      if (e instanceof ParameterException pe && pe.field().startsWith("init.")
          && plant.containsKey(pe.field().substring("init.".length()))) {
        field = plantPath + pe.field().substring("init".length());
        m = pe.reason();
      }
      throw y.error(field, m + (plantPath.equals("init") ? " (SGD plants the card's init values unless "
          + "simulate.plant is given)" : ""));
    }
  }
}
