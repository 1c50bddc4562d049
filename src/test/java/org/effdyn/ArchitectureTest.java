package org.effdyn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package structure, checked on the compiled main classes so that it cannot rot: imports run one
 * way, core &lt;- gauss, solve &lt;- analysis &lt;- model.* &lt;- card &lt;- run &lt;- cli, no package
 * cycle, and the mathematical layers hold no file, chart, YAML or CLI code.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.effdyn");

  @Test
  void layersPointOneWay() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("core").definedBy("org.effdyn.core..")
        .layer("gauss").definedBy("org.effdyn.gauss..")
        .layer("solve").definedBy("org.effdyn.solve..")
        .layer("analysis").definedBy("org.effdyn.analysis..")
        .layer("model").definedBy("org.effdyn.model..")
        .layer("card").definedBy("org.effdyn.card..")
        .layer("run").definedBy("org.effdyn.run..")
        .layer("cli").definedBy("org.effdyn.cli..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("run").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("card").mayOnlyBeAccessedByLayers("run", "cli")
        .whereLayer("model").mayOnlyBeAccessedByLayers("card", "run", "cli")
        .whereLayer("analysis").mayOnlyBeAccessedByLayers("model", "card", "run", "cli")
        .whereLayer("solve").mayOnlyBeAccessedByLayers("analysis", "model", "card", "run", "cli")
        .whereLayer("gauss").mayOnlyBeAccessedByLayers("analysis", "model", "card", "run", "cli")
        .whereLayer("core").mayOnlyBeAccessedByLayers("gauss", "solve", "analysis", "model", "card", "run", "cli")
        .check(MAIN);
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.effdyn.(**)").should().beFreeOfCycles().check(MAIN);
  }

  /** Models, solvers and analysis are math: no files, charts, YAML/JSON/CSV or console code. */
  @Test
  void mathLayersHoldNoInputOutput() {
    noClasses().that().resideInAnyPackage("org.effdyn.core..", "org.effdyn.gauss..", "org.effdyn.solve..",
            "org.effdyn.analysis..", "org.effdyn.model..")
        .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.awt..", "org.knowm.xchart..",
            "com.fasterxml.jackson..", "picocli..", "me.tongfei..", "de.erichseifert..")
        .check(MAIN);
  }

  /** picocli and the progress bar are optional dependencies: only the CLI may use them. */
  @Test
  void onlyTheCliUsesCliLibraries() {
    noClasses().that().resideOutsideOfPackage("org.effdyn.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("picocli..", "me.tongfei..", "org.jline..")
        .check(MAIN);
  }
}
