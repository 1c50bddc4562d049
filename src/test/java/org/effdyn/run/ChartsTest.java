package org.effdyn.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.effdyn.card.ChartSpec;
import org.effdyn.card.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.w3c.dom.Document;

/**
 * The run chart: PNG, SVG and PDF files that open, the card's chart section (columns, layout, log
 * axes, style, formats), the SGD bands and the limits from the SGD starts.
 */
class ChartsTest {
  /** A small PCA card: m rises from 0.3 to 1, r2perp stays near 1; two d, three seeds. */
  static final String CARD = "model: pca\nparams: {k: 2, lambda: 2.0}\ninit: {m: 0.3}\ntime: {end: 0.5, samples: 11}\n"
      + "simulate: {d: [40, 80], seeds: 3, seed: 2}\n";

  @TempDir Path tmp;

  private ScenarioRunner.Result run(String card, String out) {
    return ScenarioRunner.run(Scenario.parse(card, "c.yaml"),
        ScenarioRunner.Options.defaults().withOutDir(tmp.resolve(out)).withThreads(2));
  }

  private static Charts.Figure figure(ScenarioRunner.Result r, String card) {
    return Charts.figure(Scenario.parse(card, "c.yaml"), r.variants());
  }

  private static boolean isBand(XYSeries s) {
    return s.getXYSeriesRenderStyle().orElse(null) == XYSeries.XYSeriesRenderStyle.PolygonArea;
  }

  private static List<String> names(XYChart c) {
    return c.getSeriesCollection().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList();
  }

  @Test
  void pngSvgAndPdfAreWrittenAndOpen() throws Exception {
    ScenarioRunner.Result r = run(CARD, "out");
    Path dir = tmp.resolve("out");
    assertThat(r.files()).extracting(p -> p.getFileName().toString())
        .containsExactly("limit.csv", "sgd.csv", "limit-sgd.csv", "chart.png", "chart.svg", "chart.pdf", "run.json");

    BufferedImage png = ImageIO.read(dir.resolve("chart.png").toFile());
    assertThat(png.getWidth()).isEqualTo(2 * 640);   // two panels side by side, screen size
    assertThat(png.getHeight()).isGreaterThan(520);  // plus the figure title

    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document svg = f.newDocumentBuilder().parse(dir.resolve("chart.svg").toFile());
    assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(svg.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 " + png.getWidth() + " " + png.getHeight());

    byte[] pdf = Files.readAllBytes(dir.resolve("chart.pdf"));
    String text = new String(pdf, StandardCharsets.ISO_8859_1);
    assertThat(text).startsWith("%PDF-1.");
    assertThat(text.strip()).endsWith("%%EOF");
    assertThat(text).contains("/Type /Page");
    // one chart pixel is one PostScript point
    Matcher m = Pattern.compile("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]").matcher(text);
    assertThat(m.find()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isCloseTo(png.getWidth(), org.assertj.core.api.Assertions.within(1e-6));
    assertThat(Double.parseDouble(m.group(2))).isCloseTo(png.getHeight(), org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void formatsChooseTheFiles() throws IOException {
    ScenarioRunner.Result r = run(CARD + "chart: {formats: [svg]}\n", "out");
    try (Stream<Path> l = Files.list(tmp.resolve("out"))) {
      assertThat(l.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("chart."))).containsExactly("chart.svg");
    }
    @SuppressWarnings("unchecked")
    List<String> outputs = (List<String>) r.record().get("outputs");
    assertThat(outputs).contains("chart.svg").doesNotContain("chart.png", "chart.pdf");
  }

  @Test
  void severalDOnOnePanelWithBandsAndTheirSgdStartLimits() {
    ScenarioRunner.Result r = run(CARD + "output: {csv: false}\n", "out");
    Charts.Figure fig = figure(r, CARD);
    assertThat(fig.panels()).hasSize(2);
    XYChart m = fig.panels().get(0);
    assertThat(names(m)).containsExactly("limit from card init",
        "SGD d=40, 3 seeds (mean, 5–95%)", "limit from SGD starts, d=40",
        "SGD d=80, 3 seeds (mean, 5–95%)", "limit from SGD starts, d=80");
    long bands = m.getSeriesCollection().stream()
        .filter(s -> isBand(s)).count();
    assertThat(bands).isEqualTo(2);
    // the band is the 5–95% range over seeds at every grid time: it holds the mean marker
    XYSeries band = m.getSeriesCollection().stream()
        .filter(s -> isBand(s)).findFirst().orElseThrow();
    assertThat(band.getXData()).hasSize(2 * 11);
  }

  @Test
  void oneSeedHasNoBandAndCardLimitCanBeLeftOut() {
    String card = CARD.replace("seeds: 3", "seeds: 1") + "chart: {card_limit: false, columns: [m]}\n";
    ScenarioRunner.Result r = run(card, "out");
    Charts.Figure fig = figure(r, card);
    assertThat(fig.panels()).hasSize(1);
    XYChart m = fig.panels().get(0);
    assertThat(names(m)).containsExactly("SGD d=40, 1 seed", "limit from SGD start, d=40",
        "SGD d=80, 1 seed", "limit from SGD start, d=80");
    assertThat(m.getSeriesCollection()).noneMatch(ChartsTest::isBand);
  }

  @Test
  void limitStartCardDrawsOnlyTheCardLimit() {
    String card = CARD.replace("seed: 2}", "seed: 2, limit_start: card}");
    ScenarioRunner.Result r = run(card, "out");
    assertThat(names(figure(r, card).panels().get(0))).containsExactly("limit",
        "SGD d=40, 3 seeds (mean, 5–95%)", "SGD d=80, 3 seeds (mean, 5–95%)");
  }

  @Test
  void overlayDrawsEveryColumnOnOnePanel() {
    String card = CARD + "chart: {layout: overlay, formats: [png]}\n";
    Charts.Figure fig = figure(run(card, "out"), card);
    assertThat(fig.panels()).hasSize(1);
    assertThat(names(fig.panels().get(0))).contains("m: limit from card init", "r2perp: SGD d=80, 3 seeds (mean, 5–95%)");
  }

  /** m falls from -0.3 to -1 (never positive), r2perp stays near 1: a log y axis only where it can show something. */
  @Test
  void logAxesSkipNonPositiveValuesAndFallBackWhenNothingIsPositive() throws IOException {
    String card = CARD.replace("m: 0.3", "m: -0.3") + "chart: {log_x: true, log_y: true}\n";
    ScenarioRunner.Result r = run(card, "out");
    assertThat(tmp.resolve("out/chart.png")).isNotEmptyFile();
    assertThat(tmp.resolve("out/chart.pdf")).isNotEmptyFile();
    Charts.Figure fig = figure(r, card);
    XYChart m = fig.panels().get(0);
    XYChart r2 = fig.panels().get(1);
    assertThat(m.getStyler().isYAxisLogarithmic()).as("no positive m: linear").isFalse();
    assertThat(r2.getStyler().isYAxisLogarithmic()).isTrue();
    assertThat(r2.getStyler().isXAxisLogarithmic()).isTrue();
    for (XYChart c : fig.panels()) {
      for (XYSeries s : c.getSeriesCollection()) {
        for (double x : s.getXData()) assertThat(x).as("t = 0 is left out of a log t axis").isPositive();
        if (c.getStyler().isYAxisLogarithmic()) for (double y : s.getYData()) assertThat(y).isPositive();
      }
    }
  }

  @Test
  void paperStyleHasNoTitlesUnlessAsked() {
    String card = CARD + "chart: {style: paper}\n";
    ScenarioRunner.Result r = run(card, "out");
    Charts.Figure fig = figure(r, card);
    assertThat(fig.title()).isNull();
    assertThat(fig.panels()).allSatisfy(c -> assertThat(c.getStyler().isChartTitleVisible()).isFalse());
    assertThat(fig.panels().get(0).getWidth()).isEqualTo(420);
    assertThat(figure(r, card.replace("paper}", "paper, title: Fig. 1}")).title()).isEqualTo("Fig. 1");
    Charts.Figure screen = figure(r, CARD);
    assertThat(screen.title()).isEqualTo("c");
  }

  /** The cards of models/paper are not run by a test (their spectra take minutes); their chart sections must load. */
  @Test
  void thePaperCardsLoad() throws IOException {
    try (Stream<Path> l = Files.list(Path.of("models/paper"))) {
      List<Path> cards = l.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(cards).isNotEmpty();
      for (Path p : cards) assertThat(Scenario.load(p).chart()).as(p.toString()).isNotNull();
    }
    assertThat(Scenario.load(Path.of("models/paper/pca-matrix-paper.yaml")).chart().style()).isEqualTo(ChartSpec.Style.PAPER);
  }

  @Test
  void aFigureIsItsGridOfPanelsUnderItsTitle() throws IOException {
    List<XYChart> panels = List.of(ChartFiles.chart(null, "x", "a", 200, 150, ChartSpec.Style.PAPER),
        ChartFiles.chart(null, "x", "b", 200, 150, ChartSpec.Style.PAPER),
        ChartFiles.chart(null, "x", "c", 200, 150, ChartSpec.Style.PAPER));
    for (XYChart c : panels) c.addSeries("s", new double[] {1, 2, 3}, new double[] {1, 4, 9}).setShowInLegend(false);
    Path png = tmp.resolve("f.png");
    ChartFiles.write(png, ChartSpec.Format.PNG, panels, 2, null, ChartSpec.Style.SCREEN);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(400);
    assertThat(img.getHeight()).as("two rows, no title, no legend entry").isEqualTo(300);
    for (XYChart c : panels) c.addSeries("t", new double[] {1, 2, 3}, new double[] {2, 3, 4});
    ChartFiles.write(png, ChartSpec.Format.PNG, panels, 3, "T", ChartSpec.Style.PAPER);
    img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).as("paper PNGs at twice the size").isEqualTo(2 * 600);
    assertThat(img.getHeight()).as("title and legend below one row").isGreaterThan(2 * 150 + 2 * 20);
    assertThat(panels).allSatisfy(c -> assertThat(c.getStyler().isLegendVisible()).as("one legend for the figure").isFalse());
  }
}
