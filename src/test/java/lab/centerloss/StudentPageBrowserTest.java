package lab.centerloss;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.paint.Color;
import javax.imageio.ImageIO;
import lab.centerloss.plot.FrameCapture;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.plot.Palette;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.plot.PlaneScenes;
import lab.centerloss.plot.PlaneStyle;
import lab.centerloss.plot.StudentPage;
import lab.centerloss.plot.WorldBox;
import lab.centerloss.store.RunRecord;
import lab.centerloss.testing.HeadlessChromium;
import lab.centerloss.testing.PageRuns;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import lab.centerloss.train.FeatureStatistics;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page for students in a real browser: Debian's headless Chromium, cut off the network,
 * opening pages that {@code export-html} wrote from real runs. It scrubs the timeline by script and
 * checks the picture, the step and the numbers against the run file, the console, the app's own PNG
 * of the same step, the other kinds of page (unknown digits, a comparison, Chinese, the projector
 * theme, a phone), and that nothing in a run can put script into the page.
 */
class StudentPageBrowserTest {
  /** The page is ready when its player has drawn the first frame. */
  private static final String READY =
      "document.body && document.body.getAttribute('data-ready') === 'true'";

  @TempDir static Path pages;

  /** Screenshots kept for a look after the tests: target/student-page-screenshots. */
  private static final Path SHOTS = Path.of("target", "student-page-screenshots");

  private static HeadlessChromium browser;
  private static RunRecord closed;
  private static RunRecord open;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled();
    closed = PageRuns.read(PageRuns.closedSet());
    open = PageRuns.read(PageRuns.openSet());
    write("closed.html", PageRuns.closedSet().toString());
    write("open.html", PageRuns.openSet().toString());
    write("compare.html", PageRuns.closedSet().toString(), PageRuns.openSet().toString());
    write("zh.html", "--lang", "zh-CN", PageRuns.closedSet().toString());
    write("projector.html", "--projector", PageRuns.closedSet().toString());
    Files.createDirectories(SHOTS);
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void desktop() {
    browser.viewport(1280, 900, 1, false);
    browser.offline();
  }

  private static void write(String name, String... args) {
    List<String> all = new ArrayList<>(List.of("export-html"));
    all.addAll(List.of(args));
    all.addAll(List.of("--out", pages.resolve(name).toString()));
    Language before = Messages.language();
    try {
      CommandLineTest.Run run = CommandLineTest.run(all.toArray(String[]::new));
      assertThat(run.err()).isEmpty();
      assertThat(run.exitCode()).isZero();
    } finally {
      Messages.use(before);
    }
  }

  private static void openPage(String name) {
    double ms = browser.open(pages.resolve(name), READY);
    assertThat(ms).as("%s opens within 5 s", name).isLessThan(5000);
  }

  private static JsonNode state() {
    return browser.evaluate("window.centerLossPlayer.state()");
  }

  private static void show(int index) {
    browser.evaluate("window.centerLossPlayer.show(" + index + ")");
  }

  /** The first canvas's pixels, as the page drew them. */
  private static String canvasPixels(int pane) {
    return browser
        .evaluate("document.querySelectorAll('.plane canvas')[" + pane + "].toDataURL()")
        .asText();
  }

  private static BufferedImage canvasScreenshot(int pane) {
    JsonNode r =
        browser.evaluate(
            "(() => { const r = document.querySelectorAll('.plane canvas')["
                + pane
                + "].getBoundingClientRect(); return [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height]; })()");
    return browser.screenshot(
        r.get(0).asDouble(), r.get(1).asDouble(), r.get(2).asDouble(), r.get(3).asDouble());
  }

  private static void assertNoErrorsNorRequests(String page) {
    assertThat(browser.errors()).as("console errors of %s", page).isEmpty();
    assertThat(browser.requests())
        .as("requests of %s", page)
        .allMatch(url -> url.startsWith("file:"));
  }

  @Test
  @DisplayName(
      "scrubbing the timeline: the picture changes; the step, its caption and numbers are the run file's; no console error, no request")
  void scrubs() {
    openPage("closed.html");
    List<Long> expectedSteps = new ArrayList<>(List.of(0L));
    for (long s = PageRuns.PROBE_EVERY; s <= PageRuns.STEPS; s += PageRuns.PROBE_EVERY) {
      expectedSteps.add(s);
    }
    assertThat(browser.evaluate("window.centerLossPlayer.positions").asInt())
        .isEqualTo(expectedSteps.size());
    Set<String> pictures = new HashSet<>();
    for (int i : new int[] {0, 3, expectedSteps.size() - 1}) {
      show(i);
      JsonNode state = state();
      long step = expectedSteps.get(i);
      assertThat(state.get("step").asLong()).isEqualTo(step);
      assertThat(state.get("label").asText())
          .isEqualTo(Messages.text("page.stepOf", step, PageRuns.STEPS));
      JsonNode pane = state.get("panes").get(0);
      assertThat(pane.get("frameStep").asLong()).isEqualTo(step);
      if (step > 0) {
        StepSnapshot s = closed.at(step).orElseThrow();
        assertThat(pane.get("caption").asText()).isEqualTo(PlaneScenes.caption(s));
        assertThat(pane.get("numbers").asText()).isEqualTo(numbers(closed, step));
        assertThat(pane.get("losses").asText())
            .contains(
                Messages.text(
                    "page.losses",
                    Messages.label(s.hyperparameters().head()),
                    s.scalars().lossSoftmax(),
                    s.scalars().lossCenter(),
                    s.hyperparameters().lambda() * s.scalars().lossCenter(),
                    s.scalars().lossTotal(),
                    s.scalars().batchAccuracy()));
      }
      pictures.add(canvasPixels(0));
    }
    assertThat(pictures).as("each step shown draws another picture").hasSize(3);
    browser.evaluate("document.querySelector('.legend button').click()");
    assertThat(canvasPixels(0)).as("a digit highlighted changes the picture").isNotIn(pictures);
    show(0);
    browser.evaluate(
        "document.querySelector('.speed').value = '3'; document.querySelector('.speed').dispatchEvent(new Event('change'))");
    browser.evaluate("document.querySelector('.play').click()");
    assertThat(browser.evaluate("document.querySelector('.play').textContent").asText())
        .isEqualTo(Messages.text("page.pause"));
    browser.waitUntil("window.centerLossPlayer.state().index >= 3", Duration.ofSeconds(20));
    browser.evaluate("document.querySelector('.play').click()");
    assertThat(state().get("playing").asBoolean()).isFalse();
    assertThat(browser.evaluate("document.querySelector('.play').textContent").asText())
        .isEqualTo(Messages.text("page.play"));
    assertNoErrorsNorRequests("closed.html");
  }

  /**
   * The comparison pane's numbers, computed here from the run file: accuracy, spread, nearest
   * centers, ratio.
   */
  private static String numbers(RunRecord run, long step) {
    StepSnapshot s = run.at(step).orElseThrow();
    ProbeResult p = s.probe().orElseThrow();
    assertThat(p.step()).isEqualTo(step);
    Vec2List centers = s.centers().after();
    double spread =
        FeatureStatistics.rmsDistanceToCenters(
            p.features(), p.labels(), centers, s.hyperparameters().knownDigits());
    double nearest = FeatureStatistics.minPairwiseDistance(centers);
    return Messages.text("compare.numbers", step, p.accuracy(), spread, nearest, spread / nearest);
  }

  /**
   * The browser's frame against the app's own PNG of that step (PlaneRenderer through FrameCapture,
   * the trails as the page draws them). They are drawn by two renderers (the canvas's and JavaFX's
   * antialiasing and fonts differ), so not pixel for pixel: the two pictures are cut into 16x16
   * blocks, and at most 5% of the blocks may differ in mean color by more than 8 of 255 in a
   * channel (a marker of 3 pixels' radius moved by a few pixels, or a tick label in another font,
   * changes a block's mean by more); each digit's color covers about as many pixels in both (within
   * a factor of 1.5). The same measure against the app's picture of the probe before must find
   * several times as many differing blocks, so that it can tell one step from the next.
   */
  @Test
  @DisplayName("a frame in the browser looks like the app's own PNG of that step")
  void matchesTheAppsPng() throws Exception {
    openPage("closed.html");
    int last = browser.evaluate("window.centerLossPlayer.positions").asInt() - 1;
    show(last);
    BufferedImage page = canvasScreenshot(0);
    int width = page.getWidth();
    int height = page.getHeight();
    PlaneScene scene = scene(closed, PageRuns.STEPS, width, height);
    HeadlessFx.start();
    BufferedImage app =
        HeadlessFx.call(() -> new FrameCapture(width, height).capture(scene, PlaneStyle.normal()));
    ImageIO.write(page, "png", SHOTS.resolve("page-frame.png").toFile());
    ImageIO.write(app, "png", SHOTS.resolve("app-frame.png").toFile());
    double differing = differingBlocks(page, app, 16, 8);
    PlaneScene earlier = scene(closed, PageRuns.STEPS - PageRuns.PROBE_EVERY, width, height);
    double wrongStep =
        differingBlocks(
            page,
            HeadlessFx.call(
                () -> new FrameCapture(width, height).capture(earlier, PlaneStyle.normal())),
            16,
            8);
    System.out.printf(
        "page against the app's PNG: %.1f%% of 16x16 blocks differ; against the step before: %.1f%%%n",
        100 * differing, 100 * wrongStep);
    assertThat(wrongStep)
        .as("the measure tells one step from the next")
        .isGreaterThan(4 * differing + 0.05);
    assertThat(differing)
        .as(
            "fraction of 16x16 blocks that differ (page %s, app %s)",
            SHOTS.resolve("page-frame.png"), SHOTS.resolve("app-frame.png"))
        .isLessThanOrEqualTo(0.05);
    for (int d = 0; d < 10; d++) {
      int[] rgb = rgb(Palette.color(d, true));
      long inPage = near(page, rgb);
      long inApp = near(app, rgb);
      assertThat((double) Math.max(inPage, 1) / Math.max(inApp, 1))
          .as("digit %d: %d pixels on the page, %d in the app", d, inPage, inApp)
          .isBetween(1 / 1.5, 1.5);
    }
    assertNoErrorsNorRequests("closed.html");
  }

  /**
   * The app's scene of a probed step: its test features, centers and trails, no legend, no caption.
   */
  private static PlaneScene scene(RunRecord run, long step, int width, int height) {
    StepSnapshot s = run.at(step).orElseThrow();
    ProbeResult probe = s.probe().orElseThrow();
    Vec2List centers = s.centers().after();
    return new PlaneScene(
            WorldBox.robust(probe.features(), centers, PlaneScenes.OUTLIERS)
                .fit(width, height, PlaneScenes.PADDING),
            probe.features(),
            probe.labels(),
            Vec2List.copyOf(new float[0]),
            IntVector.copyOf(new int[0]),
            centers,
            trails(run, step, centers.size()),
            -1,
            false,
            "")
        .withKnownDigits(probe.knownDigits());
  }

  private static List<Vec2List> trails(RunRecord run, long step, int classes) {
    List<StepSnapshot> upTo = run.steps().stream().filter(x -> x.step() <= step).toList();
    upTo = upTo.subList(Math.max(0, upTo.size() - 400), upTo.size());
    List<Vec2List> trails = new ArrayList<>();
    for (int j = 0; j < classes; j++) {
      float[] xy = new float[2 * upTo.size()];
      for (int i = 0; i < upTo.size(); i++) {
        xy[2 * i] = upTo.get(i).centers().after().x(j);
        xy[2 * i + 1] = upTo.get(i).centers().after().y(j);
      }
      trails.add(Vec2List.copyOf(xy));
    }
    return trails;
  }

  @Test
  @DisplayName(
      "a run with unknown digits: they are drawn grey and hollow, the legend marks them, the open-set figures show")
  void unknownDigits() throws Exception {
    openPage("open.html");
    show(browser.evaluate("window.centerLossPlayer.positions").asInt() - 1);
    JsonNode pane = state().get("panes").get(0);
    assertThat(pane.get("openSet").asText())
        .contains("AUROC")
        .contains(
            Messages.text(
                "page.closedAccuracy",
                open.latest().orElseThrow().probe().orElseThrow().accuracy()));
    assertThat(
            browser
                .evaluate(
                    "[...document.querySelectorAll('.legend button')].map(b => b.textContent).join(' ')")
                .asText())
        .contains("0?", "1?", "6?", "7?", "2", "9");
    BufferedImage frame = canvasScreenshot(0);
    assertThat(near(frame, new int[] {0xb0, 0xb0, 0xb0}))
        .as("grey hollow markers")
        .isGreaterThan(200);
    assertThat(distinctColors(frame)).isGreaterThan(30);
    ImageIO.write(browser.screenshot(), "png", SHOTS.resolve("open.png").toFile());
    assertNoErrorsNorRequests("open.html");
  }

  @Test
  @DisplayName("a comparison page: two planes side by side, both drawn, on shared axes")
  void comparison() throws Exception {
    openPage("compare.html");
    show(5);
    JsonNode panes = state().get("panes");
    assertThat(panes).hasSize(2);
    assertThat(browser.evaluate("document.querySelectorAll('.pane h2').length").asInt())
        .isEqualTo(2);
    for (int i = 0; i < 2; i++) {
      assertThat(distinctColors(canvasScreenshot(i))).as("pane %d drawn", i).isGreaterThan(30);
      assertThat(panes.get(i).get("frameStep").asLong()).isEqualTo(20);
    }
    ImageIO.write(browser.screenshot(), "png", SHOTS.resolve("compare.png").toFile());
    assertNoErrorsNorRequests("compare.html");
  }

  @Test
  @DisplayName(
      "a Chinese page: Chinese words from the bundle, numbers as the app writes them, the plane drawn")
  void chinese() throws Exception {
    openPage("zh.html");
    assertThat(browser.evaluate("document.documentElement.lang").asText()).isEqualTo("zh-CN");
    assertThat(state().get("label").asText()).isEqualTo("第 0 步，共 40 步");
    assertThat(browser.evaluate("document.querySelector('.play').textContent").asText())
        .isEqualTo("播放");
    show(2);
    assertThat(state().get("panes").get(0).get("numbers").asText()).startsWith("第 8 步的测试：准确率 ");
    assertThat(distinctColors(canvasScreenshot(0))).isGreaterThan(30);
    ImageIO.write(browser.screenshot(), "png", SHOTS.resolve("zh.png").toFile());
    assertNoErrorsNorRequests("zh.html");
  }

  @Test
  @DisplayName("a projector-theme page: the plane on white, the page light")
  void projector() throws Exception {
    openPage("projector.html");
    show(4);
    BufferedImage frame = canvasScreenshot(0);
    assertThat(frame.getRGB(2, frame.getHeight() - 3) & 0xffffff).isEqualTo(0xffffff);
    assertThat(browser.evaluate("document.body.className").asText()).isEqualTo("projector");
    assertThat(distinctColors(frame)).isGreaterThan(30);
    ImageIO.write(browser.screenshot(), "png", SHOTS.resolve("projector.png").toFile());
    assertNoErrorsNorRequests("projector.html");
  }

  @Test
  @DisplayName(
      "on a phone (390x844, 3 device pixels a point) the page fits the width and the plane is drawn sharp")
  void phone() throws Exception {
    browser.viewport(390, 844, 3, true);
    openPage("compare.html");
    show(3);
    assertThat(browser.evaluate("document.documentElement.scrollWidth").asInt())
        .isLessThanOrEqualTo(390);
    JsonNode canvas = state().get("panes").get(0).get("canvas");
    assertThat(canvas.get(0).asInt()).isGreaterThan(900); // device pixels, not CSS pixels
    ImageIO.write(browser.screenshot(), "png", SHOTS.resolve("phone.png").toFile());
    assertNoErrorsNorRequests("compare.html on a phone");
  }

  @Test
  @DisplayName(
      "a title or setting text of </script><script>alert(1)</script> is shown as text and runs nothing")
  void noScriptInjection() throws Exception {
    String payload = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";
    Path file = pages.resolve("hostile.html");
    Files.writeString(
        file,
        StudentPage.html(
            List.of(
                new StudentPage.Pane(payload, closed),
                new StudentPage.Pane("\u2028" + payload + "\u2029", open)),
            true));
    openPage("hostile.html");
    assertThat(browser.dialogs()).isEmpty();
    assertThat(browser.evaluate("document.querySelector('.pane h2').textContent").asText())
        .isEqualTo(payload);
    assertThat(browser.evaluate("document.scripts.length").asInt()).isEqualTo(2);
    assertThat(browser.evaluate("document.images.length").asInt()).isZero();
    assertNoErrorsNorRequests("hostile.html");
  }

  /**
   * For the README's figures: opens -Dclab.page.benchmark=FILE.html a few times and prints the time
   * to the first frame.
   */
  @Test
  @EnabledIfSystemProperty(named = "clab.page.benchmark", matches = ".+")
  void benchmark() {
    Path file = Path.of(System.getProperty("clab.page.benchmark"));
    for (int i = 0; i < 5; i++) {
      double ms = browser.open(file, READY);
      JsonNode timing = browser.evaluate("performance.now()");
      System.out.printf(
          "open %d: %.0f ms to the first frame drawn (performance.now %.0f ms)%n",
          i, ms, timing.asDouble());
      assertNoErrorsNorRequests(file.toString());
    }
  }

  // ---- pictures ------------------------------------------------------------------------------

  static double differingBlocks(BufferedImage a, BufferedImage b, int block, int tolerance) {
    int differing = 0;
    int total = 0;
    for (int by = 0; by + block <= Math.min(a.getHeight(), b.getHeight()); by += block) {
      for (int bx = 0; bx + block <= Math.min(a.getWidth(), b.getWidth()); bx += block) {
        double[] ma = mean(a, bx, by, block);
        double[] mb = mean(b, bx, by, block);
        total++;
        for (int c = 0; c < 3; c++) {
          if (Math.abs(ma[c] - mb[c]) > tolerance) {
            differing++;
            break;
          }
        }
      }
    }
    return (double) differing / total;
  }

  private static double[] mean(BufferedImage image, int x0, int y0, int size) {
    double[] m = new double[3];
    for (int y = y0; y < y0 + size; y++) {
      for (int x = x0; x < x0 + size; x++) {
        int rgb = image.getRGB(x, y);
        m[0] += (rgb >> 16) & 255;
        m[1] += (rgb >> 8) & 255;
        m[2] += rgb & 255;
      }
    }
    for (int c = 0; c < 3; c++) {
      m[c] /= size * size;
    }
    return m;
  }

  private static int[] rgb(Color c) {
    return new int[] {
      (int) Math.round(c.getRed() * 255),
      (int) Math.round(c.getGreen() * 255),
      (int) Math.round(c.getBlue() * 255)
    };
  }

  /** Pixels within 40 (in each channel) of a color. */
  static long near(BufferedImage image, int[] rgb) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        if (Math.abs(((p >> 16) & 255) - rgb[0]) <= 40
            && Math.abs(((p >> 8) & 255) - rgb[1]) <= 40
            && Math.abs((p & 255) - rgb[2]) <= 40) {
          n++;
        }
      }
    }
    return n;
  }

  static int distinctColors(BufferedImage image) {
    Set<Integer> colors = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colors.add(image.getRGB(x, y));
      }
    }
    return colors.size();
  }
}
