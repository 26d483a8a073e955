package lab.centerloss.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import lab.centerloss.export.AtomicFile;
import lab.centerloss.export.TextFiles;
import lab.centerloss.store.RunRecord;
import lab.centerloss.testing.PageRuns;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The page writer without a browser: its JSON's shape and escaping, its size, and a disk that
 * fills.
 */
class StudentPageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DATA =
      Pattern.compile(
          "<script type=\"application/json\" id=\"run-data\">(.*?)</script>", Pattern.DOTALL);
  private static RunRecord closed;
  private static RunRecord open;
  private Language before = Messages.language();

  @BeforeAll
  static void runs() {
    closed = PageRuns.read(PageRuns.closedSet());
    open = PageRuns.read(PageRuns.openSet());
  }

  @AfterEach
  void language() {
    Messages.use(before);
  }

  private static JsonNode embedded(String html) throws IOException {
    Matcher m = DATA.matcher(html);
    assertThat(m.find()).isTrue();
    return JSON.readTree(m.group(1));
  }

  @Test
  @DisplayName(
      "the JSON: every kept probe with all its test features, the labels once, centers, trail, captions, settings")
  void shape() throws IOException {
    Messages.use(Language.ENGLISH);
    String html = StudentPage.html(List.of(new StudentPage.Pane("", closed)), true);
    JsonNode data = embedded(html);
    assertThat(data)
        .isEqualTo(
            JSON.readTree(
                StudentPage.json(
                    StudentPage.data(List.of(new StudentPage.Pane("", closed)), true))));
    JsonNode run = data.get("runs").get(0);
    assertThat(run.get("labels")).hasSize(PageRuns.PROBE_SIZE);
    JsonNode frames = run.get("frames");
    assertThat(frames).hasSize(PageRuns.STEPS / PageRuns.PROBE_EVERY + 1);
    assertThat(
            IntStream.range(0, frames.size())
                .mapToLong(i -> frames.get(i).get("step").asLong())
                .toArray())
        .containsExactly(LongStreamSteps.expected());
    for (JsonNode f : frames) {
      assertThat(f.get("features")).hasSize(2 * PageRuns.PROBE_SIZE);
      assertThat(f.get("centers")).hasSize(20);
      assertThat(f.get("box")).hasSize(4);
      assertThat(f.get("caption").asText()).startsWith("step ");
    }
    var last = closed.at(PageRuns.STEPS).orElseThrow();
    JsonNode lastFrame = frames.get(frames.size() - 1);
    assertThat(lastFrame.get("caption").asText()).isEqualTo(PlaneScenes.caption(last));
    float x = last.probe().orElseThrow().features().x(7);
    assertThat(lastFrame.get("features").get(14).asDouble())
        .isCloseTo(x, Offset.offset(Math.pow(10, -lastFrame.get("decimals").asInt()) / 2 + 1e-9));
    assertThat(run.get("trail").get("steps")).hasSize(PageRuns.STEPS);
    assertThat(run.get("settings").get(0).get("formulas").toString())
        .contains("L = L_S + λ·L_C", "(1/2m)");
    assertThat(data.get("timeline")).hasSize(frames.size());
    assertThat(data.get("style").get("colors")).hasSize(10);
    assertThat(data.get("style").get("shapes")).hasSize(11);
    assertThat(lastFrame.get("openSet")).isEmpty();
    JsonNode openFrames =
        StudentPage.data(List.of(new StudentPage.Pane("", open)), false)
            .get("runs")
            .get(0)
            .get("frames");
    assertThat(openFrames.get(openFrames.size() - 1).get("openSet").toString()).contains("AUROC");
  }

  /** 0, 4, 8, …, 40. */
  private static final class LongStreamSteps {
    static long[] expected() {
      return LongStream.rangeClosed(0, PageRuns.STEPS / PageRuns.PROBE_EVERY)
          .map(i -> i * PageRuns.PROBE_EVERY)
          .toArray();
    }
  }

  @Test
  @DisplayName(
      "script-safe JSON: no <, >, &, U+2028, U+2029 left, and it reads back to the same values")
  void escaping() throws IOException {
    String hostile = "</script><script>alert(1)</script><!-- & \u2028\u2029 'quote' \"double\"";
    String json = JSON.writeValueAsString(JSON.createObjectNode().put("title", hostile));
    String safe = StudentPage.scriptSafe(json);
    assertThat(safe).doesNotContain("<", ">", "&", "\u2028", "\u2029");
    assertThat(JSON.readTree(safe).get("title").asText()).isEqualTo(hostile);
    String html = StudentPage.html(List.of(new StudentPage.Pane(hostile, closed)), true);
    assertThat(html).doesNotContain("<script>alert(1)");
    assertThat(
            Pattern.compile("</script", Pattern.CASE_INSENSITIVE).matcher(html).results().count())
        .isEqualTo(2);
    assertThat(embedded(html).get("runs").get(0).get("title").asText()).isEqualTo(hostile);
    assertThat(StudentPage.escapeHtml("<b a=\"x\">&'"))
        .isEqualTo("&lt;b a=&quot;x&quot;&gt;&amp;&#39;");
  }

  @Test
  @DisplayName(
      "self-contained: no external script, style, font or image; a CSP that allows no network")
  void selfContained() {
    String html = StudentPage.html(List.of(new StudentPage.Pane("", closed)), true);
    assertThat(html)
        .doesNotContain("src=", "href=", "<link", "@import", "url(", "http://", "https://");
    assertThat(html)
        .contains("Content-Security-Policy", "default-src 'none'", "script-src 'sha256-");
    assertThat(StudentPage.resource("player.js"))
        .doesNotContain("innerHTML", "eval(", "XMLHttpRequest", "fetch(");
  }

  @Test
  @DisplayName("both languages: the page's words from the bundle, in Chinese too")
  void chinese() throws IOException {
    Messages.use(Language.byTag("zh-CN"));
    String html = StudentPage.html(List.of(new StudentPage.Pane("", closed)), true);
    assertThat(html).contains("<html lang=\"zh-CN\">");
    JsonNode data = embedded(html);
    assertThat(data.get("text").get("play").asText()).isEqualTo("播放");
    assertThat(data.get("timeline").get(1).get("label").asText()).isEqualTo("第 4 步，共 40 步");
  }

  @Test
  @DisplayName(
      "thinned only in time: at most MAX_FRAMES probes, evenly, the first and the last kept")
  void thinning() {
    List<Integer> all = IntStream.range(0, 1000).boxed().toList();
    List<Integer> kept = StudentPage.thinned(all, StudentPage.MAX_FRAMES);
    assertThat(kept)
        .hasSize(StudentPage.MAX_FRAMES)
        .startsWith(0)
        .endsWith(999)
        .isSorted()
        .doesNotHaveDuplicates();
    assertThat(StudentPage.thinned(all.subList(0, 10), 150)).hasSize(10);
    assertThat(StudentPage.decimals(45.2)).isEqualTo(2);
    assertThat(StudentPage.decimals(0.5)).isEqualTo(4);
    assertThat(StudentPage.decimals(1234)).isZero();
    assertThat(StudentPage.round(-0.00001, 3)).isEqualTo(0.0);
  }

  /**
   * The size: each test feature costs at most 16.5 bytes a probe (two numbers of 4 significant
   * digits, "-0.1234,"), so the most a page of one run holds, MAX_FRAMES probes of 2,000 images and
   * 1,500 trail points of ten centers, stays under 5 MB.
   */
  @Test
  @DisplayName(
      "small: at most 16.5 bytes per feature and probe, so a page of one run stays under 5 MB")
  void size() {
    Messages.use(Language.ENGLISH);
    int frames = PageRuns.STEPS / PageRuns.PROBE_EVERY + 1;
    int bytes =
        StudentPage.html(List.of(new StudentPage.Pane("", closed)), true)
            .getBytes(StandardCharsets.UTF_8)
            .length;
    int empty =
        StudentPage.html(List.of(new StudentPage.Pane("", closed.upTo(0))), true)
            .getBytes(StandardCharsets.UTF_8)
            .length;
    double perFeature = (double) (bytes - empty) / (frames - 1) / PageRuns.PROBE_SIZE;
    assertThat(perFeature)
        .isLessThan(16.5 + 20.0 * 8 / PageRuns.PROBE_SIZE); // the frame's centers and text aside
    assertThat(StudentPage.MAX_FRAMES * 2000 * 16.5 + StudentPage.MAX_TRAIL_POINTS * 20 * 9 + empty)
        .isLessThan(5_000_000);
  }

  @Test
  @DisplayName("a full disk: the page is not written, the message names the file, nothing is left")
  void fullDisk() throws IOException {
    try (FileSystem disk =
        Jimfs.newFileSystem(
            Configuration.unix().toBuilder().setBlockSize(4096).setMaxSize(64 * 1024).build())) {
      Path folder = Files.createDirectory(disk.getPath("/exports"));
      Path target = folder.resolve("page.html");
      String html = StudentPage.html(List.of(new StudentPage.Pane("", closed)), true);
      assertThat(html.length()).isGreaterThan(64 * 1024);
      assertThatThrownBy(() -> AtomicFile.writeString(target, html))
          .isInstanceOf(IOException.class)
          .satisfies(
              e ->
                  assertThat(TextFiles.describeFailure(target, (IOException) e).render())
                      .startsWith("Could not write " + target + ": ")
                      .endsWith(". Nothing was written."));
      try (Stream<Path> left = Files.list(folder)) {
        assertThat(left).isEmpty();
      }
    }
  }
}
