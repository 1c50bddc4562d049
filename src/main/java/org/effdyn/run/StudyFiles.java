package org.effdyn.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.effdyn.card.Scenario;
import org.effdyn.core.Study;
import org.effdyn.model.dmf.DmfModel;
import org.effdyn.model.dmf.DmfSolution;
import org.effdyn.model.singleindex.SampleComplexityModel;

/**
 * Runs a card whose model is a {@link Study} (the DMF surrogate, the sample-complexity study):
 * builds the card-free {@link Study.Request} from the card, computes, and turns the returned data
 * into files, run-record entries and a console line. {@link ScenarioRunner} writes the files.
 */
public final class StudyFiles {
  private StudyFiles() {}

  /**
   * What one variant produced: files by name (without the variant suffix, e.g. {@code dmf.csv};
   * each writer writes its path atomically) in the order they are written, entries for the
   * variant's part of {@code run.json}, and a one-line summary for the console.
   */
  public record Output(LinkedHashMap<String, Consumer<Path>> files, Map<String, Object> record, String summary) {}

  /** Computes one variant of a study card (everything, before anything is written). */
  static Output compute(Scenario card, Scenario.Variant variant, int threads) {
    Study<?> study = (Study<?>) variant.model();
    Scenario.Simulate sim = card.simulate();
    Study.Request request = new Study.Request(study.usesTime() ? card.grid() : null,
        sim == null ? List.of() : sim.d(), sim == null ? 0 : sim.seeds(), sim == null ? 0 : sim.seed(), threads);
    Object result = study.compute(request);
    if (result instanceof DmfModel.Result r) return dmf(card, r);
    if (result instanceof SampleComplexityModel.Result r) return sampleComplexity(card, r);
    throw new IllegalStateException("no outputs defined for the study result " + result.getClass().getName());
  }

  /** dmf.csv, dmf-se.csv, the four kernels, sim.csv, kernels.png and chart.png. */
  private static Output dmf(Scenario card, DmfModel.Result r) {
    DmfSolution dmf = r.dmf();
    List<Integer> dims = r.dims();
    List<int[]> shown = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) for (int j = 0; j < r.seeds(); j++) shown.add(new int[] {dims.get(i), j});
    List<List<DmfSolution>> byD = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) byD.add(r.runsOf(i));

    LinkedHashMap<String, Consumer<Path>> files = new LinkedHashMap<>();
    if (card.output().csv()) {
      files.put("dmf.csv", f -> DmfFiles.writeTable(f, dmf));
      if (dmf.standardError() != null) files.put("dmf-se.csv", f -> DmfFiles.writeTable(f, dmf.standardError()));
      files.put("Vtheta.csv", f -> DmfFiles.writeMatrix(f, dmf.vTheta()));
      files.put("Vomega.csv", f -> DmfFiles.writeMatrix(f, dmf.vOmega()));
      files.put("Btheta.csv", f -> DmfFiles.writeMatrix(f, dmf.bTheta()));
      files.put("Lambdatilde.csv", f -> DmfFiles.writeMatrix(f, dmf.lambdaTilde()));
      if (!r.runs().isEmpty()) files.put("sim.csv", f -> DmfFiles.writeRuns(f, shown, r.runs()));
    }
    if (card.output().chart()) {
      files.put("kernels.png", f -> DmfFiles.writeHeatMaps(f, List.of("V_theta", "V_omega", "B_theta", "Lambda~"),
          List.of(dmf.vTheta(), dmf.vOmega(), dmf.bTheta(), dmf.lambdaTilde())));
      files.put("chart.png", f -> DmfFiles.writeOverlay(f, card.name(), dmf, dims, byD));
    }
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("iterations", r.problem().iterations());
    rec.put("method", dmf.method());
    rec.put("dmf_wall_ms", r.dmfWallMs());
    if (!r.runs().isEmpty()) {
      Map<String, Object> simRec = new LinkedHashMap<>();
      simRec.put("d", dims);
      simRec.put("n", dims.stream().map(d -> Math.round(r.problem().alpha() * d)).toList());
      simRec.put("seeds", r.seeds());
      simRec.put("generator", "run (d[i], seed j): RandomStreams.stream(simulate.seed, i, j); sim.csv seed column = j");
      simRec.put("wall_ms", r.simWallMs());
      rec.put("simulate", simRec);
    }
    int last = r.problem().iterations() - 1;
    Map<String, Object> fin = new LinkedHashMap<>();
    fin.put("loss_train", dmf.lossTrain()[last]);
    fin.put("err_train", dmf.errTrain()[last]);
    fin.put("loss_test", dmf.lossTest()[last]);
    fin.put("err_test", dmf.errTest()[last]);
    rec.put("final", fin);
    return new Output(files, rec, dmf.method() + ", iterations l = 0.." + last + "; final: " + fin);
  }

  /** sample-complexity.csv and chart.png. */
  private static Output sampleComplexity(Scenario card, SampleComplexityModel.Result r) {
    Map<String, Object> rec = new LinkedHashMap<>();
    Map<String, Object> slopes = new LinkedHashMap<>();
    List<String> shown = new ArrayList<>();
    for (Map.Entry<Integer, Double> e : r.exponents().entrySet()) {
      slopes.put("k" + e.getKey(), e.getValue());
      shown.add(String.format(Locale.ROOT, "k = %d: %.2f", e.getKey(), e.getValue()));
    }
    rec.put("fitted_exponents", slopes);
    rec.put("censored_runs", r.censored());
    rec.put("generator", "run (k, N_i, r): RandomStreams.stream(seed, 1000 k + i, r)");
    rec.put("wall_ms", r.wallMs());
    LinkedHashMap<String, Consumer<Path>> files = new LinkedHashMap<>();
    if (card.output().csv()) files.put("sample-complexity.csv", f -> SampleComplexityFiles.writeCsv(f, r.points()));
    if (card.output().chart()) files.put("chart.png", f -> SampleComplexityFiles.writeChart(f, r.points()));
    String summary = "samples to reach m = 1/2, fitted exponents " + String.join(", ", shown)
        + " (theory: 1, about 1 + 1/log N, 2)" + (r.censored() > 0 ? "; " + r.censored() + " runs censored at the cap" : "");
    return new Output(files, rec, summary);
  }
}
