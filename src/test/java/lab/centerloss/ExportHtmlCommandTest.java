package lab.centerloss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import lab.centerloss.testing.PageRuns;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export-html} on the command line: what it writes, and every input it refuses in one
 * sentence.
 */
class ExportHtmlCommandTest {
  private final Language before = Messages.language();

  @AfterEach
  void language() {
    Messages.use(before);
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static JsonNode data(Path page) throws IOException {
    String html = Files.readString(page);
    int start = html.indexOf("id=\"run-data\">") + "id=\"run-data\">".length();
    return new ObjectMapper().readTree(html.substring(start, html.indexOf("</script>", start)));
  }

  @Test
  @DisplayName(
      "a run file becomes one page; a sweep's folder gives one pane per run, titled by its settings")
  void writesPages(@TempDir Path out) throws IOException {
    Path page = out.resolve("page.html");
    CommandLineTest.Run run =
        CommandLineTest.run(
            "export-html",
            "--lang",
            "en",
            PageRuns.closedSet().toString(),
            "--out",
            page.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip()).startsWith("Wrote " + page + " (one run, ").endsWith(" MB).");
    assertThat(names(out)).containsExactly("page.html");
    assertThat(data(page).get("runs")).hasSize(1);
    assertThat(data(page).get("theme").asText()).isEqualTo("dark");

    Path sweep = Files.createDirectories(out.resolve("sweep").resolve("runs"));
    Files.copy(PageRuns.closedSet(), sweep.resolve("a.clab"));
    Files.copy(PageRuns.openSet(), sweep.resolve("b.clab"));
    Path both = out.resolve("sweep.html");
    run =
        CommandLineTest.run(
            "export-html",
            "--lang",
            "en",
            "--projector",
            out.resolve("sweep").toString(),
            "--out",
            both.toString());
    assertThat(run.exitCode()).isZero();
    JsonNode data = data(both);
    assertThat(data.get("runs")).hasSize(2);
    assertThat(data.get("theme").asText()).isEqualTo("projector");
    assertThat(data.get("runs").get(0).get("title").asText())
        .isEqualTo("Softmax  λ 0.1  α 0.5  seed 1");
    assertThat(data.get("runs").get(1).get("title").asText())
        .isEqualTo("Softmax  λ 0  α 0.5  seed 2");
  }

  @Test
  @DisplayName("a damaged run file: one sentence naming it, exit code 2, no page")
  void damagedRun(@TempDir Path out) throws IOException {
    byte[] whole = Files.readAllBytes(PageRuns.closedSet());
    Path damaged = out.resolve("damaged.clab");
    Files.write(damaged, Arrays.copyOf(whole, whole.length / 2));
    Path page = out.resolve("page.html");
    CommandLineTest.Run run =
        CommandLineTest.run(
            "export-html", "--lang", "en", damaged.toString(), "--out", page.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .contains(damaged.toString())
        .doesNotContain("\n", "Exception", "\tat ");
    assertThat(run.out()).isEmpty();
    assertThat(names(out)).containsExactly("damaged.clab");

    Files.writeString(damaged, "not a run");
    run = CommandLineTest.run("export-html", damaged.toString(), "--out", page.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip().lines()).hasSize(1);

    run =
        CommandLineTest.run(
            "export-html", out.resolve("missing.clab").toString(), "--out", page.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(names(out)).containsExactly("damaged.clab");
  }

  @Test
  @DisplayName(
      "a folder without run files, or a page's folder that is missing or cannot be written: one sentence, exit 2, nothing written")
  void badFolders(@TempDir Path out) throws IOException {
    Path empty = Files.createDirectory(out.resolve("empty"));
    CommandLineTest.Run run =
        CommandLineTest.run(
            "export-html",
            "--lang",
            "en",
            empty.toString(),
            "--out",
            out.resolve("page.html").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(empty + " holds no run files (.clab), neither itself nor in runs/.");

    run =
        CommandLineTest.run(
            "export-html",
            "--lang",
            "en",
            PageRuns.closedSet().toString(),
            "--out",
            out.resolve("no-such-folder").resolve("page.html").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip().lines()).hasSize(1);

    Path readOnly = unwritableFolder(out);
    List<String> there = names(readOnly);
    run =
        CommandLineTest.run(
            "export-html",
            "--lang",
            "en",
            PageRuns.closedSet().toString(),
            "--out",
            readOnly.resolve("page.html").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains(readOnly.toString());
    assertThat(names(readOnly)).isEqualTo(there);
  }

  /** A folder this user cannot write: a read-only one, or (as root, who writes anywhere) /sys. */
  private static Path unwritableFolder(Path parent) throws IOException {
    Path folder = parent.resolve("read-only");
    Files.createDirectory(
        folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
    if (!Files.isWritable(folder)) {
      return folder;
    }
    Path sysfs = Path.of("/sys");
    try {
      Files.delete(Files.createFile(sysfs.resolve(".center-loss-lab-probe")));
      assumeTrue(false, "no unwritable folder on this machine");
    } catch (AccessDeniedException expected) {
      return sysfs;
    }
    return sysfs;
  }
}
