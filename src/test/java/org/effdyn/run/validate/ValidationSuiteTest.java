package org.effdyn.run.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effdyn.card.ValidationCase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped case in its quick form (validation/*.yaml, dims.quick / seeds.quick): SGD against the
 * limit with the expected rate, and the closed-form oracle values (matrix threshold lambda_c = c_delta as a
 * branch point, tensor saddle-node lambda_c = 3.0792, recovered fixed points). The reports go to a
 * temporary directory. The DMF cases (dmf-perceptron-a2, -a1) compare finite-d full-batch GD with the DMF
 * iteration by iteration. About 30 s on 2 cores (the two DMF cases about 2 s each).
 */
@Tag("validation")
class ValidationSuiteTest {
  @TempDir Path tmp;

  @Test
  void quickCasesPassWithReports() throws Exception {
    Path dir = Path.of("validation");
    List<String> names = ValidationSuite.names(dir);
    ValidationSuite.Outcome o = ValidationSuite.run(dir, names, false, Runtime.getRuntime().availableProcessors(), tmp,
        new ValidationSuite.Listener() {});
    for (CaseResult r : o.results()) {
      System.out.println(r.vcase().name() + ": " + r.dims().stream().map(d -> "d=" + d.d() + " " + d.mean() + " z=" + d.maxZ()).toList()
          + (r.fit() == null ? "" : " slope " + r.fit().slope()));
      assertThat(r.passed()).as(r.vcase().name() + "\n" + Report.markdown(r)).isTrue();
      for (String f : new String[] {"report.md", "errors.csv", "trajectories.png", "trajectories.svg", "errors.png", "errors.svg"}) {
        assertThat(tmp.resolve(r.vcase().name()).resolve(f)).isRegularFile();
      }
    }
    assertThat(o.errors()).isEmpty();
    assertThat(o.results()).hasSize(names.size());
    assertThat(Files.readString(o.index())).contains("pca-matrix").contains("PASS");
    CaseResult tensor = o.results().stream().filter(r -> r.vcase().name().equals("pca-tensor3")).findFirst().orElseThrow();
    assertThat(tensor.oracles()).extracting(CaseResult.OracleCheck::pass).containsOnly(true);
    assertThat(tensor.oracles().get(1).measured()).isBetween(3.0791, 3.0793);
    CaseResult dmf = o.results().stream().filter(r -> r.vcase().name().equals("dmf-perceptron-a2")).findFirst().orElseThrow();
    assertThat(dmf.vcase().metric()).isEqualTo(ValidationCase.Metric.ITERATION);
    for (CaseResult.Dim d : dmf.dims()) assertThat(d.endpoints()).hasSize(dmf.vcase().statistics().size());
    assertThat(Files.readString(tmp.resolve("dmf-perceptron-a2/report.md"))).contains("d·Var");
  }
}
