package lab.centerloss;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import lab.centerloss.testing.TestData;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile and unlucky inputs from the sweep of issue 25, on the command line: each is one sentence
 * on standard error and exit code 2, never a trace, a hang or gigabytes of memory.
 */
class HostileInputTest {
  @TempDir Path folder;
  private Language language;

  @BeforeEach
  void english() {
    language = Messages.language();
    Messages.use(Language.ENGLISH);
  }

  @AfterEach
  void back() {
    Messages.use(language);
  }

  /** Refused: exit code 2 and one sentence, which is returned. */
  static String refused(CommandLineTest.Run run) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    String sentence = run.err().trim();
    assertThat(sentence)
        .doesNotContain("\n")
        .doesNotContain("Exception")
        .doesNotContain("null")
        .isNotEmpty();
    return sentence;
  }

  /** A lesson text in both languages. */
  private static final String T = both("t");

  private static String both(String text) {
    return "{\"en\": \"" + text + "\", \"zh-CN\": \"" + text + "\"}";
  }

  private static String data() {
    return TestData.bundledFolder().toString();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "--lr; 1e308; learning rate must be at most",
        "--weight-decay; 1e39; weight decay must be at most",
        "--clip-grad-norm; 1e39; gradient clip must be at most",
        "--lambda; 1e30; lambda must be at most",
        "--s; 1e39; scale s must be at most",
        "--threads; 100000; --threads must be at most"
      })
  @DisplayName(
      "a value that passes as a number but cannot be trained with is refused before training")
  void untrainableValues(String option, String value, String says) {
    assertThat(
            refused(CommandLineTest.run("train", option, value, "--steps", "1", "--data", data())))
        .contains(says);
  }

  @Test
  @DisplayName("a lesson with lr 1e300 is refused as a lesson, not a libtorch trace")
  void lessonWithHugeRate() throws IOException {
    Path lesson =
        Files.writeString(
            folder.resolve("big.json"),
            "{\"format\": 1, \"name\": \"big\", \"title\": "
                + T
                + ","
                + " \"steps\": [{\"narration\": "
                + T
                + ", \"settings\": {\"lr\": 1e300}}]}");
    assertThat(refused(CommandLineTest.run("lesson", lesson.toString())))
        .contains("learning rate must be at most");
  }

  @Test
  @DisplayName(
      "sweep: seeds that overflow, --parallel 0, widths out of range are refused before anything is trained")
  void sweepOptions() {
    String out = folder.resolve("s").toString();
    assertThat(
            refused(
                CommandLineTest.run(
                    "sweep", "--seeds", "-2-9223372036854775807", "--steps", "1", "--out", out)))
        .contains("--seeds: the range -2-9223372036854775807");
    assertThat(
            refused(
                CommandLineTest.run(
                    "sweep",
                    "--seeds",
                    "9223372036854775800-9223372036854775807",
                    "--steps",
                    "1",
                    "--out",
                    out,
                    "--width",
                    "0")))
        .contains("--width must lie between");
    assertThat(
            refused(CommandLineTest.run("sweep", "--parallel", "0", "--steps", "1", "--out", out)))
        .contains("--parallel");
    assertThat(refused(CommandLineTest.run("sweep", "--collect", out, "--width", "100000")))
        .contains("--width must lie between");
    assertThat(refused(CommandLineTest.run("sweep", "--width", "0", "--steps", "1", "--out", out)))
        .contains("--width");
  }

  @Test
  @DisplayName("sweep --collect refuses a summary whose head leads out of runs/")
  void collectOutside() throws IOException {
    Path runs = Files.createDirectories(folder.resolve("c/runs"));
    Files.writeString(
        runs.resolve("a.json"),
        "{\"head\": \"../../x\", \"lambda\": 0, \"alpha\": 0.5, \"m\": 0,"
            + " \"seed\": 1, \"steps\": 1, \"test_accuracy\": 0.5, \"rms_intra\": 1, \"min_center_distance\": 1,"
            + " \"intra_to_distance\": 1, \"seconds\": 1}");
    assertThat(refused(CommandLineTest.run("sweep", "--collect", folder.resolve("c").toString())))
        .contains("its head is");
    Files.writeString(
        runs.resolve("a.json"),
        "{\"head\": \"softmax\", \"lambda\": 0, \"alpha\": 0.5, \"m\": 0,"
            + " \"seed\": 1, \"steps\": 1, \"test_accuracy\": \"=HYPERLINK(1)\", \"rms_intra\": 1,"
            + " \"min_center_distance\": 1, \"intra_to_distance\": 1, \"seconds\": 1}");
    assertThat(refused(CommandLineTest.run("sweep", "--collect", folder.resolve("c").toString())))
        .contains("test_accuracy");
  }

  @Test
  @DisplayName(
      "render: a --gif-delay no GIF can hold is refused as an option, not as a write failure")
  void gifDelay() throws IOException {
    Path out = Files.createDirectories(folder.resolve("frames"));
    assertThat(
            refused(
                CommandLineTest.run(
                    "render",
                    "--frames",
                    "1",
                    "--every",
                    "1",
                    "--out",
                    out.toString(),
                    "--gif",
                    folder.resolve("a.gif").toString(),
                    "--gif-delay",
                    "2147483647")))
        .contains("--gif-delay must be at most");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  @DisplayName(
      "/dev/zero and a FIFO as a run file, a lesson, a setup: 'not a regular file', no hang, no memory")
  void specialFiles() throws Exception {
    Path zero = Files.createSymbolicLink(folder.resolve("zero.clab"), Path.of("/dev/zero"));
    assertThat(refused(CommandLineTest.run("run-info", zero.toString())))
        .contains("not a regular file");
    Path zeroLesson = Files.createSymbolicLink(folder.resolve("zero.json"), Path.of("/dev/zero"));
    assertThat(refused(CommandLineTest.run("lesson", zeroLesson.toString())))
        .contains("not a regular file");
    Path fifo = folder.resolve("fifo.json");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    assertThat(refused(CommandLineTest.run("lesson", fifo.toString())))
        .contains("not a regular file");
    assertThat(refused(CommandLineTest.run("run-info", fifo.toString())))
        .contains("not a regular file");
    assertThat(refused(CommandLineTest.run("--scenario", fifo.toString())))
        .contains("not a regular file");
  }

  @Test
  @DisplayName(
      "a lesson: trailing text, numbers past 2^64, a setup through a link leading out of its folder, unknown setup fields")
  void lessonParsing() throws IOException {
    String head = "{\"format\": 1, \"name\": \"x\", \"title\": " + T + ", \"steps\": [";
    Path trailing =
        Files.writeString(
            folder.resolve("trailing.json"), head + "{\"narration\": " + T + "}]} garbage");
    assertThat(refused(CommandLineTest.run("lesson", trailing.toString())))
        .contains("trailing.json");
    Path until =
        Files.writeString(
            folder.resolve("until.json"),
            head
                + "{\"narration\": "
                + T
                + ", \"action\": {\"type\": \"train\", \"until_step\": 18446744073709551621}}]}");
    assertThat(refused(CommandLineTest.run("lesson", until.toString()))).contains("until_step");
    Path format =
        Files.writeString(
            folder.resolve("format.json"),
            "{\"format\": 18446744073709551617, \"name\": \"x\", \"title\": "
                + T
                + ", \"steps\": [{\"narration\": "
                + T
                + "}]}");
    assertThat(refused(CommandLineTest.run("lesson", format.toString()))).contains("format");

    Path elsewhere = Files.createDirectories(folder.resolve("elsewhere"));
    Files.writeString(
        elsewhere.resolve("setup.json"), "{\"format\": 1, \"settings\": {\"lambda\": 0.1}}");
    Path lessonFolder = Files.createDirectories(folder.resolve("lesson"));
    Files.createSymbolicLink(lessonFolder.resolve("setup.json"), elsewhere.resolve("setup.json"));
    Path linked =
        Files.writeString(
            lessonFolder.resolve("linked.json"),
            head + "{\"narration\": " + T + ", \"scenario\": \"setup.json\"}]}");
    assertThat(refused(CommandLineTest.run("lesson", linked.toString())))
        .contains("lesson's own folder");

    Path setup =
        Files.writeString(
            folder.resolve("setup.json"),
            "{\"format\": 1, \"settings\": {\"lambda\": 0.1, \"lamda\": 3}}");
    assertThat(refused(CommandLineTest.run("--scenario", setup.toString())))
        .contains("settings.lamda");
  }

  @Test
  @DisplayName(
      "terminal escapes in a lesson's text and in an unknown field's name are printed escaped")
  void escapes() throws IOException {
    Path lesson =
        Files.writeString(
            folder.resolve("esc.json"),
            "{\"format\": 1, \"name\": \"x\", \"title\": "
                + both("a\\u001b]0;pwned\\u0007b")
                + ", \"steps\": [{\"narration\": "
                + both("c\\u001b[2Jd\\u0000")
                + "}]}");
    CommandLineTest.Run shown = CommandLineTest.run("lesson", lesson.toString());
    assertThat(shown.exitCode()).isZero();
    assertThat(shown.out())
        .doesNotContain("\u001b")
        .doesNotContain("\u0007")
        .doesNotContain("\u0000")
        .contains("a\\x1b]0;pwned\\x07b")
        .contains("c\\x1b[2Jd\\x00");
    Path field =
        Files.writeString(
            folder.resolve("field.json"),
            "{\"format\": 1, \"name\": \"x\", \"title\": "
                + T
                + ","
                + " \"steps\": [], \"\\u001b[31mred\": 1}");
    assertThat(refused(CommandLineTest.run("lesson", field.toString())))
        .doesNotContain("\u001b")
        .contains("\\x1b[31mred");
  }

  // Data sets ---------------------------------------------------------------------------------

  private static byte[] images(int count) {
    ByteBuffer b = ByteBuffer.allocate(16 + count * 784);
    b.putInt(0x803).putInt(count).putInt(28).putInt(28);
    return b.array();
  }

  private static byte[] labels(byte[] values) {
    ByteBuffer b = ByteBuffer.allocate(8 + values.length);
    b.putInt(0x801).putInt(values.length).put(values);
    return b.array();
  }

  private static byte[] labels(int... values) {
    ByteBuffer b = ByteBuffer.allocate(8 + values.length);
    b.putInt(0x801).putInt(values.length);
    for (int v : values) {
      b.put((byte) v);
    }
    return b.array();
  }

  private static void gzip(Path file, byte[] header, long zeros) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(header);
      byte[] block = new byte[1 << 20];
      for (long left = zeros; left > 0; left -= block.length) {
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
  }

  /** A data set of 4 training images (digits 0, 1, 0, 1) and 2 test images. */
  private Path smallData(String name) throws IOException {
    Path data = Files.createDirectories(folder.resolve(name));
    gzip(data.resolve("train-images-idx3-ubyte.gz"), images(4), 0);
    gzip(data.resolve("train-labels-idx1-ubyte.gz"), labels(0, 1, 0, 1), 0);
    gzip(data.resolve("t10k-images-idx3-ubyte.gz"), images(2), 0);
    gzip(data.resolve("t10k-labels-idx1-ubyte.gz"), labels(0, 1), 0);
    return data;
  }

  @Test
  @DisplayName(
      "a gzip bomb as --data and --unknown-data: refused after reading what its header announces")
  void gzipBombs() throws IOException {
    Path data = smallData("bomb");
    // 4 images announced, 300 MB of zeros after them: about 300 KB of gzip
    gzip(data.resolve("train-images-idx3-ubyte.gz"), images(4), 300L << 20);
    assertThat(Files.size(data.resolve("train-images-idx3-ubyte.gz"))).isLessThan(1 << 20);
    assertThat(refused(CommandLineTest.run("train", "--steps", "1", "--data", data.toString())))
        .contains("train-images-idx3-ubyte.gz does not match its header")
        .contains("far more");
    Path unknown = smallData("unknown");
    gzip(unknown.resolve("t10k-images-idx3-ubyte.gz"), images(2), 300L << 20);
    assertThat(
            refused(
                CommandLineTest.run(
                    "train",
                    "--steps",
                    "1",
                    "--data",
                    data(),
                    "--unknown-data",
                    unknown.toString())))
        .contains("t10k-images-idx3-ubyte.gz does not match its header");
    Path announced = smallData("announced");
    ByteBuffer huge = ByteBuffer.allocate(16).putInt(0x803).putInt(1_000_000).putInt(28).putInt(28);
    gzip(announced.resolve("train-images-idx3-ubyte.gz"), huge.array(), 0);
    assertThat(
            refused(CommandLineTest.run("train", "--steps", "1", "--data", announced.toString())))
        .contains("announces 1000000 images of 28x28 pixels, more than the 80 MB");
  }

  @Test
  @DisplayName("more images in all than training can hold under 1 GB: refused before training")
  void tooManyImages() throws IOException {
    Path data = smallData("many");
    int count =
        100_001; // within one file's limit; with MNIST's 10,000 test images and 10,000 unknowns,
    // beyond the total
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % 10);
    }
    gzip(data.resolve("train-images-idx3-ubyte.gz"), images(count), 0);
    gzip(data.resolve("train-labels-idx1-ubyte.gz"), labels(labels), 0);
    gzip(data.resolve("t10k-images-idx3-ubyte.gz"), images(10_000), 0);
    gzip(data.resolve("t10k-labels-idx1-ubyte.gz"), labels(new byte[10_000]), 0);
    assertThat(
            refused(
                CommandLineTest.run(
                    "train", "--steps", "1", "--data", data.toString(), "--unknown-data", data())))
        .contains("hold 120001 images in all; at most 120000");
  }

  @Test
  @DisplayName("a sparse 3 GB raw data file is refused by its length, without reading it")
  void sparseRawFile() throws IOException {
    Path data = smallData("sparse");
    Files.delete(data.resolve("train-images-idx3-ubyte.gz"));
    Path raw = data.resolve("train-images-idx3-ubyte");
    try (RandomAccessFile file = new RandomAccessFile(raw.toFile(), "rw")) {
      file.write(images(4), 0, 16);
      file.setLength(3L << 30);
    }
    assertThat(refused(CommandLineTest.run("train", "--steps", "1", "--data", data.toString())))
        .contains("does not match its header")
        .contains("3221225472 bytes");
  }

  @Test
  @DisplayName(
      "no training images, or none of a known digit: one sentence, not a NullPointerException")
  void noTrainingImages() throws IOException {
    Path empty = smallData("empty");
    gzip(empty.resolve("train-images-idx3-ubyte.gz"), images(0), 0);
    gzip(empty.resolve("train-labels-idx1-ubyte.gz"), labels(), 0);
    assertThat(refused(CommandLineTest.run("train", "--steps", "1", "--data", empty.toString())))
        .contains("holds no images");
    Path small = smallData("small");
    assertThat(
            refused(
                CommandLineTest.run(
                    "train",
                    "--steps",
                    "1",
                    "--data",
                    small.toString(),
                    "--known",
                    "0,1,5",
                    "--unknown-data",
                    small.toString())))
        .contains("no training image of the digit 5");
  }
}
