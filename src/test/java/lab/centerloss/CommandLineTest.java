package lab.centerloss;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import lab.centerloss.cli.CommandLineApp;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.lesson.LessonFile;
import lab.centerloss.testing.TestData;
import lab.centerloss.text.Messages;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import picocli.CommandLine;

/** The command line end to end, in this JVM, on the bundled data. */
class CommandLineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = CommandLineApp.create(new LabCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  @DisplayName(
      "--lang zh-CN on any command: its sentences in Chinese; an unknown language is refused")
  void chinese() {
    var before = Messages.language();
    try {
      Run run = run("train", "--lang", "zh-CN", "--lambda", "-1");
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().trim()).isEqualTo("lambda 必须是大于或等于 0 的数（现在是 -1.0）。");
      Run unknown = run("--lang", "fr", "train");
      assertThat(unknown.exitCode()).isEqualTo(2);
      assertThat(unknown.err()).contains("--lang takes en or zh-CN (got fr).");
    } finally {
      Messages.use(before);
    }
  }

  @Test
  @DisplayName(
      "lesson: lists the built-in lessons, prints one as a handout in the language chosen, refuses a broken file in one sentence")
  void lessons(@TempDir Path folder) throws Exception {
    var before = Messages.language();
    try {
      Run list = run("lesson", "--list");
      assertThat(list.exitCode()).isZero();
      assertThat(list.out().lines())
          .hasSize(6)
          .first()
          .asString()
          .isEqualTo("softmax-alone: 1. Softmax alone: separable, not discriminative (6 steps)");
      Run handout = run("lesson", "center-loss", "--lang", "zh-CN");
      assertThat(handout.exitCode()).isZero();
      assertThat(handout.out())
          .startsWith("2. 中心损失与 λ")
          .contains("第 2 步，共 6 步")
          .contains("打开对比：λ 0 / 0.01 / 0.1 / 1；每个训练都训练到第 1,500 步。");
      Path broken = folder.resolve("broken.json");
      Files.writeString(broken, "{\"format\": 1, \"steps\": 3}");
      Run refused = run("lesson", broken.toString(), "--lang", "en");
      assertThat(refused.exitCode()).isEqualTo(2);
      assertThat(refused.err().trim())
          .isEqualTo(
              "Lesson "
                  + broken
                  + ", field name: must be a short name of lower-case letters, digits and dashes.");
    } finally {
      Messages.use(before);
    }
  }

  @ParameterizedTest(name = "{0} in {1}")
  // one language a lesson, taking turns, so that both languages are drawn: a render trains the
  // lesson's runs, the same in either language, so rendering each lesson twice tested training
  // twice, not the languages
  @CsvSource({
    "softmax-alone, en",
    "center-loss, zh-CN",
    "center-update, en",
    "margins, zh-CN",
    "open-set, en",
    "verification, zh-CN"
  })
  @DisplayName(
      "every built-in lesson renders headless, one slide a step; English and Chinese taking turns")
  void lessonRenders(String name, String language, @TempDir Path folder) throws Exception {
    var before = Messages.language();
    try {
      Path out = folder.resolve("slides");
      Run run =
          run(
              "lesson",
              name,
              "--render",
              out.toString(),
              "--step-limit",
              "2",
              "--probe-size",
              "100",
              "--size",
              "640x360",
              "--lang",
              language);
      assertThat(run.err()).isEmpty();
      assertThat(run.exitCode()).isZero();
      int steps = LessonFile.builtIn(name).steps().size();
      for (int i = 1; i <= steps; i++) {
        BufferedImage slide = ImageIO.read(out.resolve(String.format("step-%02d.png", i)).toFile());
        assertThat(slide.getWidth()).isEqualTo(640);
        assertThat(slide.getHeight()).isGreaterThanOrEqualTo(360);
        // the title line is drawn: bright text pixels on the dark band
        long bright = 0;
        for (int x = 0; x < 320; x++) {
          for (int y = 0; y < 30; y++) {
            if ((slide.getRGB(x, y) & 0xff) > 160) {
              bright++;
            }
          }
        }
        assertThat(bright).as("title text on slide %d", i).isGreaterThan(50);
      }
      assertThat(out.resolve(String.format("step-%02d.png", steps + 1))).doesNotExist();
    } finally {
      Messages.use(before);
    }
  }

  @Test
  @DisplayName("a lesson or setup that cannot be used is said before the window opens, exit code 2")
  void windowStartRefusesBrokenFiles(@TempDir Path folder) throws Exception {
    Run lesson = run("--lesson", "petals", "--lang", "en");
    assertThat(lesson.exitCode()).isEqualTo(2);
    assertThat(lesson.err()).startsWith("There is no built-in lesson petals;");
    Path setup = Files.writeString(folder.resolve("setup.json"), "[]");
    Run scenario = run("--scenario", setup.toString(), "--lang", "en");
    assertThat(scenario.exitCode()).isEqualTo(2);
    assertThat(scenario.err().trim())
        .isEqualTo("The setup file " + setup + " is not a JSON object.");
  }

  @Test
  void version() {
    Run run = run("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Center Loss Lab ");
  }

  static Stream<Arguments> impossibleValues() {
    return Stream.of(
        Arguments.of(
            List.of("--lambda", "-0.1"), "lambda must be a number of 0 or more (it is -0.1)."),
        Arguments.of(List.of("--alpha", "1.5"), "alpha must lie between 0 and 1 (it is 1.5)."),
        Arguments.of(List.of("--alpha", "-0.01"), "alpha must lie between 0 and 1 (it is -0.01)."),
        Arguments.of(
            List.of("--head", "arcface", "--m", "2"),
            "The margin m must lie between 0 and pi/2 = 1.5708 (it is 2.0)."),
        Arguments.of(
            List.of("--m", "-0.1"),
            "The margin m must lie between 0 and pi/2 = 1.5708 (it is -0.1)."),
        Arguments.of(
            List.of("--lr", "0"), "The learning rate must be a number above 0 (it is 0.0)."),
        Arguments.of(
            List.of("--lr", "NaN"), "The learning rate must be a number above 0 (it is NaN)."),
        Arguments.of(List.of("--momentum", "1"), "The momentum must lie in [0, 1) (it is 1.0)."),
        Arguments.of(
            List.of("--weight-decay", "-1"), "The weight decay must be 0 or more (it is -1.0)."),
        Arguments.of(List.of("--s", "0"), "The scale s must be a number above 0 (it is 0.0)."),
        Arguments.of(
            List.of("--margin-warmup", "-5"),
            "The margin warm-up must be between 0 and 1,000,000 steps (it is -5)."),
        Arguments.of(
            List.of("--lr-warmup", "-1"),
            "The learning-rate warm-up must be between 0 and 1,000,000 steps (it is -1)."),
        Arguments.of(
            List.of("--clip-grad-norm", "-2"),
            "The gradient clip must be 0 (off) or a number above 0 (it is -2.0)."),
        Arguments.of(List.of("--known", "2,3,3,5"), "--known names the digit 3 twice."),
        Arguments.of(
            List.of("--known", "4"),
            "--known needs at least two digits: a head with one class has nothing to tell apart."),
        Arguments.of(
            List.of("--known", "0,1,2,3,4,5,6,7,8,9"),
            "--known leaves no digit unknown: name fewer "
                + "than ten for the open-set test, or leave it out for the closed set."),
        Arguments.of(List.of("--known", "2,x"), "--known takes digits 0 to 9 (got x)."),
        Arguments.of(List.of("--known", "2,12"), "--known takes digits 0 to 9 (got 12)."),
        Arguments.of(
            List.of("--center-init", "uniform"),
            "Invalid value for option '--center-init': expected one of [ZERO, NORMAL] (case-insensitive) "
                + "but was 'uniform' (see --help)"),
        Arguments.of(
            List.of("--batch-size", "0"), "The batch size must lie between 1 and 4096 (it is 0)."),
        Arguments.of(List.of("--steps", "0"), "--steps must be 1 or more (it is 0)."),
        Arguments.of(
            List.of("--until-accuracy", "1.2"), "--until-accuracy must lie in (0, 1] (it is 1.2)."),
        Arguments.of(
            List.of("--probe-size", "0"), "--probe-size must lie between 1 and 10000 (it is 0)."),
        Arguments.of(List.of("--eval-every", "0"), "--eval-every must be 1 or more (it is 0)."),
        Arguments.of(
            List.of("--threads", "-1"),
            "--threads must be 0 (one per processor) or more (it is -1)."),
        Arguments.of(
            List.of("--data", "/no/such/folder"),
            "Data folder /no/such/folder does not exist or is not a folder."),
        Arguments.of(
            List.of("--metrics", "/no/such/folder/m.json"),
            "Cannot write /no/such/folder/m.json: the folder /no/such/folder does not exist."),
        Arguments.of(
            List.of("--head", "sphereface"),
            "Invalid value for option '--head' (softmax|normface|cosface|arcface): expected one of [SOFTMAX, "
                + "NORMFACE, COSFACE, ARCFACE] (case-insensitive) but was 'sphereface' (see --help)"),
        Arguments.of(
            List.of("--lambda", "abc"),
            "Invalid value for option '--lambda' (LAMBDA): 'abc' is not a double (see --help)"),
        Arguments.of(
            List.of("--lambda", "0.1,0.2"), "--lambda takes one value here (sweep takes a list)."));
  }

  @Test
  @DisplayName(
      "--device cuda on a machine without a usable GPU: one sentence naming what is missing, exit code 2")
  void noGpuNoStackTrace() {
    Run run =
        run(
            "train",
            "--device",
            "cuda",
            "--steps",
            "1",
            "--probe-size",
            "10",
            "--quiet",
            "--data",
            TestData.bundledFolder().toString());
    Assumptions.assumeTrue(run.exitCode() != 0, "this machine has a usable GPU");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .matches("CUDA was asked for, but [^\\n]*\\.")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  @DisplayName(
      "--device auto trains on the CPU where CUDA cannot be used (also in the -Pgpu build)")
  void autoFallsBackToTheCpu(@TempDir Path folder) throws Exception {
    Path metrics = folder.resolve("m.json");
    Run run =
        run(
            "train",
            "--device",
            "auto",
            "--steps",
            "2",
            "--probe-size",
            "10",
            "--quiet",
            "--metrics",
            metrics.toString(),
            "--data",
            TestData.bundledFolder().toString());
    assertThat(run.exitCode()).isZero();
    Assumptions.assumeTrue(
        JSON.readTree(metrics.toFile()).get("device").asText().equals("cpu")
            || !Files.exists(Path.of("/proc/driver/nvidia/version")),
        "this machine has an NVIDIA driver");
    assertThat(JSON.readTree(metrics.toFile()).get("device").asText()).isEqualTo("cpu");
  }

  @ParameterizedTest
  @MethodSource("impossibleValues")
  @DisplayName(
      "an impossible value is refused with one sentence and exit code 2, before any training")
  void refusesImpossibleValues(List<String> options, String message) {
    String[] args = Stream.concat(Stream.of("train"), options.stream()).toArray(String[]::new);
    Run run = run(args);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo(message);
    assertThat(run.out()).isEmpty();
  }

  @Test
  @DisplayName("a damaged bundled file is refused with the reader's sentence (its checksum first)")
  void corruptData(@TempDir Path folder) throws Exception {
    for (Path file : Files.list(TestData.bundledFolder()).toList()) {
      Files.copy(file, folder.resolve(file.getFileName()));
    }
    Files.write(folder.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {1, 2, 3});
    Run run = run("train", "--data", folder.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(
            "t10k-labels-idx1-ubyte.gz does not match its checksum in SHA256SUMS: "
                + "the file is damaged or was replaced.");
    Files.delete(folder.resolve("SHA256SUMS"));
    Run withoutSums = run("train", "--data", folder.toString());
    assertThat(withoutSums.exitCode()).isEqualTo(2);
    assertThat(withoutSums.err().strip())
        .isEqualTo("t10k-labels-idx1-ubyte.gz is not a gzip file although its name ends in .gz.");
  }

  @Test
  @DisplayName(
      "train --save-run writes a run file; run-info describes it; render --from-run draws it without training")
  void savedRuns(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("run.clab");
    Run train =
        run(
            "train",
            "--steps",
            "40",
            "--eval-every",
            "20",
            "--probe-size",
            "200",
            "--batch-size",
            "32",
            "--probe-every",
            "10",
            "--quiet",
            "--save-run",
            file.toString());
    assertThat(train.err()).isEmpty();
    assertThat(train.exitCode()).isZero();

    Run info = run("run-info", file.toString());
    assertThat(info.exitCode()).isZero();
    JsonNode json = JSON.readTree(info.out());
    assertThat(json.get("format_version").asInt()).isEqualTo(1);
    assertThat(json.get("steps").asInt()).isEqualTo(40);
    assertThat(json.get("data_fingerprint").asText()).hasSize(64);
    assertThat(json.get("settings")).hasSize(1);
    assertThat(json.get("settings").get(0).get("from_step").asInt()).isEqualTo(1);
    assertThat(json.get("kept").get("probes").asInt()).isEqualTo(4);
    assertThat(json.get("kept").get("checkpoints").asInt()).isEqualTo(1);
    assertThat(json.get("file_bytes").asLong()).isEqualTo(Files.size(file));
    assertThat(json.has("app_version")).isTrue();

    Path frames = Files.createDirectory(folder.resolve("frames"));
    Run render =
        run(
            "render",
            "--from-run",
            file.toString(),
            "--frames",
            "5",
            "--every",
            "10",
            "--width",
            "320",
            "--height",
            "200",
            "--out",
            frames.toString());
    assertThat(render.err()).isEmpty();
    assertThat(render.exitCode()).isZero();
    try (Stream<Path> written = Files.list(frames)) {
      assertThat(written.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly(
              "frame-00001.png", "frame-00002.png", "frame-00003.png", "frame-00004.png");
    }
    assertThat(render.out()).contains("Wrote 4 frames");

    // the projector theme, and each frame as an SVG drawing beside its PNG
    Path slides = Files.createDirectory(folder.resolve("slides"));
    Run svg =
        run(
            "render",
            "--from-run",
            file.toString(),
            "--frames",
            "2",
            "--every",
            "20",
            "--width",
            "320",
            "--height",
            "200",
            "--svg",
            "--projector",
            "--out",
            slides.toString());
    assertThat(svg.err()).isEmpty();
    assertThat(svg.exitCode()).isZero();
    assertThat(svg.out()).contains("Wrote 2 frames of ");
    try (Stream<Path> written = Files.list(slides)) {
      assertThat(written.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly(
              "frame-00001.png", "frame-00001.svg", "frame-00002.png", "frame-00002.svg");
    }
    BufferedImage onWhite = ImageIO.read(slides.resolve("frame-00002.png").toFile());
    int light = 0;
    for (int y = 0; y < onWhite.getHeight(); y++) {
      for (int x = 0; x < onWhite.getWidth(); x++) {
        int rgb = onWhite.getRGB(x, y);
        if (((rgb >> 16) & 0xff) > 0xd0 && ((rgb >> 8) & 0xff) > 0xd0 && (rgb & 0xff) > 0xd0) {
          light++;
        }
      }
    }
    assertThat(light)
        .as("most of the frame the projector theme's paper")
        .isGreaterThan(onWhite.getWidth() * onWhite.getHeight() / 2);
    Element drawing = svgRoot(slides.resolve("frame-00002.svg"));
    assertThat(Double.parseDouble(drawing.getAttribute("width"))).isEqualTo(320);
    // 200 probe features, each a shape and its outline, besides axes, centers and legend
    assertThat(
            drawing.getElementsByTagName("path").getLength()
                + drawing.getElementsByTagName("ellipse").getLength())
        .isGreaterThan(2 * 190);
  }

  @Test
  @DisplayName(
      "--unknown-data: another IDX set's test images are unknowns; all ten digits may then be known")
  void unknownData(@TempDir Path folder) throws Exception {
    // another data set: MNIST's first 500 test images turned upside down and inverted
    Path other = Files.createDirectory(folder.resolve("other"));
    MnistDataSet.Split test = TestData.mnist().test();
    int n = 500;
    ByteBuffer images =
        ByteBuffer.allocate(16 + n * 784).putInt(0x803).putInt(n).putInt(28).putInt(28);
    for (int i = 0; i < n; i++) {
      for (int p = 783; p >= 0; p--) {
        images.put((byte) (255 - (test.pixels()[i * 784 + p] & 0xFF)));
      }
    }
    ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
    Files.write(other.resolve("t10k-images-idx3-ubyte"), images.array());
    Files.write(other.resolve("t10k-labels-idx1-ubyte"), Arrays.copyOf(labels.array(), 8 + n));
    Path metrics = folder.resolve("m.json");
    Path features = folder.resolve("features.csv");
    Run run =
        run(
            "train",
            "--known",
            "0,1,2,3,4,5,6,7,8,9",
            "--unknown-data",
            other.toString(),
            "--steps",
            "20",
            "--eval-every",
            "20",
            "--probe-size",
            "300",
            "--batch-size",
            "64",
            "--quiet",
            "--metrics",
            metrics.toString(),
            "--features-out",
            features.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    JsonNode openSet = JSON.readTree(metrics.toFile()).get("open_set");
    assertThat(openSet.get("unknown").toString()).isEqualTo("[]");
    assertThat(openSet.get("unknown_data_images").asInt()).isEqualTo(500);
    assertThat(openSet.get("auroc").get("max_softmax").asDouble()).isBetween(0.0, 1.0);
    List<String> lines = Files.readAllLines(features);
    assertThat(lines).hasSize(10_501);
    assertThat(lines.stream().skip(1).filter(l -> l.split(",")[1].equals("10")))
        .hasSize(500)
        .allMatch(l -> l.split(",")[2].equals("false"));

    Run missing =
        run("train", "--unknown-data", folder.resolve("nowhere").toString(), "--steps", "1");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().strip())
        .isEqualTo(
            "Unknown-data folder "
                + folder.resolve("nowhere")
                + " does not exist or is not a folder.");
  }

  @Test
  @DisplayName(
      "train --known trains on those digits only; the metrics hold the open-set numbers; --features-out every test image")
  void openSet(@TempDir Path folder) throws Exception {
    Path metrics = folder.resolve("m.json");
    Path features = folder.resolve("features.csv");
    Run run =
        run(
            "train",
            "--known",
            "2,3,4,5,8,9",
            "--steps",
            "40",
            "--eval-every",
            "20",
            "--probe-size",
            "300",
            "--batch-size",
            "64",
            "--quiet",
            "--metrics",
            metrics.toString(),
            "--features-out",
            features.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    JsonNode m = JSON.readTree(metrics.toFile());
    assertThat(m.get("centers")).hasSize(6);
    JsonNode openSet = m.get("open_set");
    assertThat(openSet.get("known").toString()).isEqualTo("[2,3,4,5,8,9]");
    assertThat(openSet.get("unknown").toString()).isEqualTo("[0,1,6,7]");
    assertThat(openSet.get("closed_accuracy").asDouble()).isBetween(0.0, 1.0);
    for (String score :
        List.of("center_distance", "max_cosine", "max_logit", "max_softmax", "feature_norm")) {
      assertThat(openSet.get("auroc").get(score).asDouble()).as(score).isBetween(0.0, 1.0);
      assertThat(openSet.get("oscr").get(score).asDouble()).as(score).isBetween(0.0, 1.0);
    }
    List<String> lines = Files.readAllLines(features);
    assertThat(lines.get(0))
        .isEqualTo(
            "index,label,known,x,y,predicted,center_distance,max_cosine,max_softmax,max_logit,feature_norm");
    assertThat(lines).hasSize(10_001);
    // every prediction is a known digit; the unknown digits are marked false
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      int label = Integer.parseInt(cells[1]);
      assertThat(Boolean.parseBoolean(cells[2]))
          .isEqualTo(List.of(2, 3, 4, 5, 8, 9).contains(label));
      assertThat(List.of(2, 3, 4, 5, 8, 9)).contains(Integer.parseInt(cells[5]));
      assertThat(Double.parseDouble(cells[6])).isGreaterThanOrEqualTo(0); // the distance itself
    }
  }

  @Test
  @DisplayName(
      "sweep trains every combination, saves each run, draws the grid and writes the summary; --only shares and --collect give the same table")
  void sweep(@TempDir Path folder) throws Exception {
    Path all = folder.resolve("all");
    Run run =
        run(
            "sweep",
            "--lambda",
            "0,0.1",
            "--seeds",
            "1,2",
            "--steps",
            "12",
            "--batch-size",
            "32",
            "--probe-size",
            "200",
            "--width",
            "640",
            "--out",
            all.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    try (Stream<Path> files = Files.list(all.resolve("runs"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".clab")).count()).isEqualTo(4);
    }
    BufferedImage grid = ImageIO.read(all.resolve("grid.png").toFile());
    assertThat(grid.getWidth()).isEqualTo(640);
    assertThat(grid.getHeight()).isEqualTo(2 * Math.round(320 * 0.8));
    Element svg = svgRoot(all.resolve("grid.svg"));
    assertThat(Double.parseDouble(svg.getAttribute("width"))).isEqualTo(640);
    assertThat(Double.parseDouble(svg.getAttribute("height"))).isEqualTo(2 * Math.round(320 * 0.8));
    // every test feature a shape of its own: 4 panels of 200 probe images, but the odd outlier left
    // off the view
    int shapes =
        svg.getElementsByTagName("path").getLength()
            + svg.getElementsByTagName("ellipse").getLength();
    assertThat(shapes).isGreaterThan(4 * 190);
    List<String> summary = Files.readAllLines(all.resolve("summary.csv"));
    assertThat(summary.get(0))
        .isEqualTo(
            "head,lambda,alpha,m,seed,steps,test_accuracy,rms_intra,"
                + "min_center_distance,intra_to_distance,unseen_tar_at_far_0.01,"
                + "known_tar_at_far_0.01,seconds");
    // every digit known: no unseen pairs, and TAR at FAR 1% of the known digits' pairs
    String[] firstRun = summary.get(1).split(",");
    assertThat(firstRun[10]).isEqualTo("NaN");
    assertThat(Double.parseDouble(firstRun[11])).isBetween(0.0, 1.0);
    assertThat(summary)
        .hasSize(1 + 4 + 2 * 2); // four runs, then mean and std of each lambda over two seeds
    assertThat(summary.get(5)).startsWith("softmax,0.0,0.5,0.5,mean,12.0,");

    Path shared = folder.resolve("shared");
    for (String share : List.of("1/2", "2/2")) {
      Run part =
          run(
              "sweep",
              "--lambda",
              "0,0.1",
              "--seeds",
              "1,2",
              "--steps",
              "12",
              "--batch-size",
              "32",
              "--probe-size",
              "200",
              "--width",
              "640",
              "--only",
              share,
              "--out",
              shared.toString());
      assertThat(part.exitCode()).isZero();
    }
    assertThat(Files.exists(shared.resolve("summary.csv"))).as("no summary from a share").isFalse();
    Run collected = run("sweep", "--collect", shared.toString(), "--width", "640");
    assertThat(collected.exitCode()).isZero();
    assertThat(Files.exists(shared.resolve("grid.svg"))).isTrue();
    List<String> together = Files.readAllLines(shared.resolve("summary.csv"));
    assertThat(together).hasSize(summary.size());
    for (int i = 1; i <= 4; i++) {
      // the same numbers but the seconds, which differ from run to run
      assertThat(withoutSeconds(together.get(i))).isEqualTo(withoutSeconds(summary.get(i)));
    }
  }

  /** An SVG file's root element, read without fetching its document type from the network. */
  private static Element svgRoot(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Element root = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("svg");
    return root;
  }

  private static String withoutSeconds(String row) {
    return row.substring(0, row.lastIndexOf(','));
  }

  @Test
  @DisplayName("a bad sweep list is refused before any training: one sentence, exit code 2")
  void sweepRefusesBadLists(@TempDir Path folder) {
    for (var bad :
        List.of(
            List.of("--lambda", "0,x"),
            List.of("--alpha", "0.5,1.5"),
            List.of("--lambda", "0.1,0.1"),
            List.of("--head", "softmax,sphereface"),
            List.of("--only", "3/2"))) {
      List<String> args =
          new ArrayList<>(List.of("sweep", "--steps", "5", "--out", folder.toString()));
      args.addAll(bad);
      Run run = run(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(bad.toString()).isEqualTo(2);
      assertThat(run.err().strip()).as(bad.toString()).doesNotContain("\n").isNotEmpty();
    }
    assertThat(folder.resolve("runs")).doesNotExist();
  }

  @Test
  @DisplayName("run-info of a file it cannot read: one sentence, exit code 2")
  void runInfoRefusesBrokenFiles(@TempDir Path folder) throws Exception {
    Path noise = Files.write(folder.resolve("noise.clab"), new byte[] {1, 2, 3, 4, 5});
    Run run = run("run-info", noise.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo(noise + " is not a Center Loss Lab run file.");
    Run missing =
        run(
            "render",
            "--from-run",
            folder.resolve("none.clab").toString(),
            "--frames",
            "1",
            "--out",
            folder.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().strip())
        .isEqualTo("The run file " + folder.resolve("none.clab") + " does not exist.");
  }

  @Test
  @DisplayName("train writes the metrics and one record line per step")
  void trainWritesMetricsAndRecord(@TempDir Path folder) throws Exception {
    Path metrics = folder.resolve("metrics.json");
    Path record = folder.resolve("steps.jsonl");
    Run run =
        run(
            "train",
            "--steps",
            "30",
            "--eval-every",
            "10",
            "--probe-size",
            "300",
            "--batch-size",
            "64",
            "--metrics",
            metrics.toString(),
            "--record",
            record.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("step     30");

    JsonNode m = JSON.readTree(metrics.toFile());
    for (String field :
        List.of(
            "steps",
            "device",
            "threads",
            "train_seconds",
            "wall_seconds",
            "ms_per_step_median",
            "test_accuracy",
            "probe_accuracy",
            "loss_softmax",
            "loss_center",
            "centers",
            "rms_intra",
            "min_center_distance",
            "reached_accuracy_step",
            "reached_accuracy_seconds",
            "diverged_at_step")) {
      assertThat(m.has(field)).as(field).isTrue();
    }
    assertThat(m.get("steps").asInt()).isEqualTo(30);
    assertThat(m.get("device").asText()).isEqualTo("cpu");
    assertThat(m.get("probe_accuracy")).hasSize(3);
    assertThat(m.get("probe_accuracy").get(2).get(0).asInt()).isEqualTo(30);
    assertThat(m.get("centers")).hasSize(10);
    assertThat(m.get("reached_accuracy_step").isNull()).isTrue();
    assertThat(m.get("diverged_at_step").isNull()).isTrue();
    assertThat(m.get("train_seconds").asDouble())
        .isLessThanOrEqualTo(m.get("wall_seconds").asDouble());

    List<String> lines = Files.readAllLines(record);
    assertThat(lines).hasSize(30);
    JsonNode last = JSON.readTree(lines.get(29));
    assertThat(last.get("step").asInt()).isEqualTo(30);
    assertThat(last.get("labels")).hasSize(64);
    assertThat(last.get("features")).hasSize(64);
    assertThat(last.get("features").get(0)).hasSize(2);
    assertThat(last.get("head_weights")).hasSize(10);
    assertThat(last.get("head_bias")).hasSize(10);
    for (String field :
        List.of(
            "head",
            "lambda",
            "alpha",
            "center_rule",
            "lr",
            "s",
            "m",
            "centers_before",
            "centers_after",
            "loss_softmax",
            "loss_center")) {
      assertThat(last.has(field)).as(field).isTrue();
    }
    // The last record's centers are the ones the metrics report.
    assertThat(last.get("centers_after")).isEqualTo(m.get("centers"));
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("metrics.json", "steps.jsonl");
    }
  }

  @Test
  @DisplayName(
      "--until-accuracy stops at the first probe that reaches it and reports step and seconds")
  void untilAccuracy(@TempDir Path folder) throws Exception {
    Path metrics = folder.resolve("m.json");
    Run run =
        run(
            "train",
            "--until-accuracy",
            "0.3",
            "--steps",
            "400",
            "--eval-every",
            "10",
            "--probe-size",
            "500",
            "--metrics",
            metrics.toString(),
            "--quiet");
    assertThat(run.exitCode()).isZero();
    JsonNode m = JSON.readTree(metrics.toFile());
    int reached = m.get("reached_accuracy_step").asInt();
    assertThat(reached).isPositive().isEqualTo(m.get("steps").asInt());
    assertThat(m.get("reached_accuracy_seconds").asDouble()).isPositive();
    JsonNode probes = m.get("probe_accuracy");
    assertThat(probes.get(probes.size() - 1).get(1).asDouble()).isGreaterThanOrEqualTo(0.3);
    for (int i = 0; i < probes.size() - 1; i++) {
      assertThat(probes.get(i).get(1).asDouble()).isLessThan(0.3);
    }
  }

  @Test
  @DisplayName("a diverging run says at which step, exits with 3 and records it in the metrics")
  void divergingRun(@TempDir Path folder) throws Exception {
    Path metrics = folder.resolve("m.json");
    // without the warm-up and the gradient clip, which would otherwise hold even this rate
    Run run =
        run(
            "train",
            "--lr",
            "5",
            "--lr-warmup",
            "0",
            "--clip-grad-norm",
            "0",
            "--steps",
            "100",
            "--metrics",
            metrics.toString());
    assertThat(run.exitCode()).isEqualTo(3);
    JsonNode m = JSON.readTree(metrics.toFile());
    assertThat(m.get("diverged_at_step").asInt()).isPositive();
    assertThat(run.out())
        .contains("Training diverged at step " + m.get("diverged_at_step").asInt());
    assertThat(m.get("loss_softmax").isNull()).isTrue();
  }
}
