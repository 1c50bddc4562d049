package org.effdyn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Markdown conventions of the tested examples: fences, flags, output blocks, line mapping. */
class DocBlocksTest {
  private static final List<String> PAGE = List.of(
      "# Title",                          // 1
      "```java",                          // 2
      "import java.util.List;",           // 3
      "",                                 // 4
      "int x = 1;",                       // 5
      "System.out.println(x + 0.25);",    // 6
      "```",                              // 7
      "Prose between.",                   // 8
      "```output",                        // 9
      "1.25",                             // 10
      "```",                              // 11
      "```bash",                          // 12
      "echo ```java inside bash",         // 13
      "```",                              // 14
      "````markdown",                     // 15
      "```java",                          // 16
      "not a block",                      // 17
      "```",                              // 18
      "````",                             // 19
      "```java fragment",                 // 20
      "Object o = null;",                 // 21
      "```",                              // 22
      "```java skip needs a GPU",         // 23
      "gpu();",                           // 24
      "```");                             // 25

  @Test
  void findsJavaBlocksWithTheirFlagsAndOutput() {
    List<DocBlocks.Block> b = DocBlocks.parse(PAGE, "docs/x.md");
    assertThat(b).extracting(DocBlocks.Block::where).containsExactly("docs/x.md:2", "docs/x.md:20", "docs/x.md:23");
    assertThat(b).extracting(DocBlocks.Block::mode)
        .containsExactly(DocBlocks.Mode.RUN, DocBlocks.Mode.COMPILE, DocBlocks.Mode.SKIP);
    assertThat(b.get(0).lines()).hasSize(4);
    assertThat(b.get(0).output()).isEqualTo("1.25");
    assertThat(b.get(0).outputLine()).isEqualTo(9);
    assertThat(b.get(1).output()).isNull();
    assertThat(b.get(2).reason()).isEqualTo("needs a GPU");
  }

  @Test
  void sourceKeepsTheLinesOfTheBlock() {
    DocBlocks.Block b = DocBlocks.parse(PAGE, "docs/x.md").get(0);
    String[] src = DocBlocks.source(b, "C").split("\n");
    assertThat(src[0]).isEqualTo("import java.util.List;");
    assertThat(src[2]).startsWith("public class C {").endsWith("int x = 1;");   // block line 3 = file line 2 + 3
    assertThat(src[3]).isEqualTo("System.out.println(x + 0.25);");
    assertThat(src[src.length - 1]).isEqualTo("}}");
  }

  @Test
  void rejectsBadMarkup() {
    assertThatThrownBy(() -> DocBlocks.parse(List.of("```java skip", "x();", "```"), "a.md"))
        .hasMessage("a.md:1: 'java skip' needs a reason");
    assertThatThrownBy(() -> DocBlocks.parse(List.of("text", "```java runn", "x();", "```"), "a.md"))
        .hasMessageStartingWith("a.md:2: unknown java block flag 'runn'");
    assertThatThrownBy(() -> DocBlocks.parse(List.of("```output", "1", "```"), "a.md"))
        .hasMessage("a.md:1: an output block must directly follow a runnable java block");
    assertThatThrownBy(() -> DocBlocks.parse(List.of("```java", "x();", "```", "```bash", "```", "```output", "```"), "a.md"))
        .hasMessage("a.md:6: an output block must directly follow a runnable java block");
    assertThatThrownBy(() -> DocBlocks.parse(List.of("```java", "x();"), "a.md")).hasMessage("a.md:1: fenced block is not closed");
  }

  @Test
  void comparesTextExactlyAndNumbersWithinTolerance() {
    assertThat(DocBlocks.compareOutput("m = 0.500, d = 400\n", "m  = 0.512, d = 400  \n\n", 0.05)).isNull();
    assertThat(DocBlocks.compareOutput("sup 0.004", "sup 0.005", 0.05)).isNull();       // one unit of the last digit
    assertThat(DocBlocks.compareOutput("r 3.6e-15", "r 8.1e-15", 0.05)).isNull();       // round-off
    assertThat(DocBlocks.compareOutput("m = 0.500", "m = 0.600", 0.05)).contains("number 1 differs: expected 0.500, got 0.600");
    assertThat(DocBlocks.compareOutput("m = 0.5", "r = 0.5", 0.05)).contains("text differs");
    assertThat(DocBlocks.compareOutput("a 1\nb 2", "a 1", 0.05)).contains("ends early");
    assertThat(DocBlocks.compareOutput("a 1", "a 1\nb 2", 0.05)).contains("unexpected extra output");
    assertThat(DocBlocks.lastDigit("0.0345")).isEqualTo(1e-4, within(1e-18));
    assertThat(DocBlocks.lastDigit("2.49e-09")).isEqualTo(1e-11, within(1e-25));
    assertThat(DocBlocks.lastDigit("500")).isEqualTo(1.0);
  }
}
