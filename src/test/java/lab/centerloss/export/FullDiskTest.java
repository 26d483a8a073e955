package lab.centerloss.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.train.StepSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every export on a disk that fills up while it writes: an in-memory file system of 256 KB. The
 * write fails with a message that names the file and says why, and nothing is left behind: no
 * half-written file under the target's name, no temporary file beside it.
 */
class FullDiskTest {
  private static final long DISK_BYTES = 256 * 1024;
  private FileSystem disk;
  private Path folder;

  @BeforeEach
  void fillableDisk() throws IOException {
    disk =
        Jimfs.newFileSystem(
            Configuration.unix().toBuilder().setBlockSize(4096).setMaxSize(DISK_BYTES).build());
    folder = Files.createDirectory(disk.getPath("/exports"));
  }

  @AfterEach
  void close() throws IOException {
    disk.close();
  }

  @Test
  @DisplayName("a PNG larger than the free space: the message names the file; nothing is left")
  void png() {
    Path target = folder.resolve("frame-00001.png");
    assertThatThrownBy(() -> ImageFiles.writePng(noise(640, 480), target))
        .isInstanceOf(IOException.class)
        .satisfies(
            e ->
                assertThat(TextFiles.describeFailure(target, (IOException) e).render())
                    .startsWith("Could not write " + target + ": ")
                    .endsWith(". Nothing was written."));
    assertThat(filesIn(folder)).isEmpty();
  }

  @Test
  @DisplayName(
      "an SVG (text, as the plane and the sweep's grid write it) larger than the free space: nothing is left")
  void svg() throws IOException {
    Path target = folder.resolve("grid.svg");
    Files.writeString(target, "<svg/>");
    String drawing =
        "<svg>" + "<path d='M1.5,2.5L3.5,4.5Z'/>".repeat(20_000) + "</svg>"; // about 600 KB
    assertThatThrownBy(() -> AtomicFile.writeString(target, drawing))
        .isInstanceOf(IOException.class);
    assertThat(filesIn(folder)).containsExactly("grid.svg");
    assertThat(Files.readString(target)).as("the earlier file, whole").isEqualTo("<svg/>");
  }

  @Test
  @DisplayName("a GIF that outgrows the disk: nothing is left")
  void gif() {
    Path target = folder.resolve("run.gif");
    assertThatThrownBy(
            () -> {
              try (GifWriter gif = new GifWriter(target, 100)) {
                for (int i = 0; i < 8; i++) {
                  gif.add(noise(320, 240));
                }
                gif.finish();
              }
            })
        .isInstanceOf(IOException.class);
    assertThat(filesIn(folder)).isEmpty();
  }

  @Test
  @DisplayName(
      "CSV and JSON Lines of many steps: nothing is left, and a file already there is kept as it was")
  void tables() throws IOException {
    List<StepSnapshot> steps = new ArrayList<>();
    for (int i = 1; i <= 2000; i++) {
      steps.add(snapshot(i));
    }
    Path csv = folder.resolve("run.csv");
    Files.writeString(csv, "an earlier export\n");
    assertThatThrownBy(() -> StepTables.writeCsv(steps, csv, p -> {}, () -> false))
        .isInstanceOf(IOException.class);
    Path jsonl = folder.resolve("run.jsonl");
    assertThatThrownBy(() -> StepTables.writeJsonLines(steps, jsonl, p -> {}, () -> false))
        .isInstanceOf(IOException.class);
    assertThat(filesIn(folder)).containsExactly("run.csv");
    assertThat(Files.readString(csv)).isEqualTo("an earlier export\n");
  }

  @Test
  @DisplayName(
      "the same exports fit when the disk has room: the limit, not the writers, made them fail")
  void fitsWhenThereIsRoom() throws IOException {
    ImageFiles.writePng(
        new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), folder.resolve("small.png"));
    StepTables.writeJsonLines(
        List.of(snapshot(1)), folder.resolve("one.jsonl"), p -> {}, () -> false);
    try (GifWriter gif = new GifWriter(folder.resolve("small.gif"), 100)) {
      gif.add(new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB));
      gif.finish();
    }
    assertThat(filesIn(folder)).containsExactlyInAnyOrder("small.png", "one.jsonl", "small.gif");
  }

  /**
   * Random pixels: PNG and GIF cannot compress them, so the file is about width x height x 3 bytes.
   */
  private static BufferedImage noise(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    SplittableRandom random = new SplittableRandom(1);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return image;
  }

  private static StepSnapshot snapshot(int step) {
    return SnapshotBuilder.aStep().step(step).build();
  }

  private static List<String> filesIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
