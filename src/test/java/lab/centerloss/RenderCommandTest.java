package lab.centerloss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render} end to end: real training, real drawing off screen, real files. */
class RenderCommandTest {

  @Test
  @DisplayName(
      "render writes exactly N PNG frames of the requested size showing the plot, and an N-frame GIF")
  void writesFramesAndGif(@TempDir Path out) throws Exception {
    Path gif = out.resolve("training.gif");
    CommandLineTest.Run run =
        CommandLineTest.run(
            "render",
            "--frames",
            "3",
            "--every",
            "2",
            "--width",
            "320",
            "--height",
            "200",
            "--probe-size",
            "300",
            "--out",
            out.toString(),
            "--gif",
            gif.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(names(out))
        .containsExactlyInAnyOrder(
            "frame-00001.png", "frame-00002.png", "frame-00003.png", "training.gif");
    for (int i = 1; i <= 3; i++) {
      BufferedImage frame = ImageIO.read(out.resolve(String.format("frame-%05d.png", i)).toFile());
      assertThat(frame.getWidth()).isEqualTo(320);
      assertThat(frame.getHeight()).isEqualTo(200);
      assertThat(distinctColors(frame)).as("frame %d is not blank", i).isGreaterThan(30);
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      assertThat(reader.getNumImages(true)).isEqualTo(3);
      assertThat(reader.getWidth(0)).isEqualTo(320);
    }
  }

  @Test
  @DisplayName("an unwritable export folder gives the message, trains nothing and leaves no files")
  void refusesUnwritableFolder(@TempDir Path parent) throws Exception {
    Path folder = unwritableFolder(parent);
    CommandLineTest.Run run =
        CommandLineTest.run("render", "--frames", "2", "--out", folder.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo("Cannot write frames into " + folder + ": the folder is not writable.");
    assertThat(run.out()).isEmpty();
    assertThat(names(folder))
        .noneMatch(name -> name.startsWith("frame-") || name.endsWith(".part"));
  }

  @Test
  @DisplayName(
      "a missing folder is made, as sweep and lesson --render make theirs; a file in the way is named")
  void missingFolderOrFileInTheWay(@TempDir Path parent) throws Exception {
    Path made = parent.resolve("new").resolve("frames");
    CommandLineTest.Run missing =
        CommandLineTest.run(
            "render",
            "--frames",
            "1",
            "--width",
            "160",
            "--height",
            "120",
            "--probe-size",
            "100",
            "--out",
            made.toString());
    assertThat(missing.err()).isEmpty();
    assertThat(missing.exitCode()).isZero();
    assertThat(names(made)).containsExactly("frame-00001.png");
    Files.delete(made.resolve("frame-00001.png"));
    Files.delete(made);
    Files.delete(parent.resolve("new"));
    Path file = Files.writeString(parent.resolve("a-file"), "x");
    CommandLineTest.Run inTheWay =
        CommandLineTest.run("render", "--frames", "2", "--out", file.toString());
    assertThat(inTheWay.err().strip())
        .isEqualTo("Cannot write frames into " + file + ": it is a file, not a folder.");
    assertThat(names(parent)).containsExactly("a-file");
    CommandLineTest.Run underAFile =
        CommandLineTest.run("render", "--frames", "2", "--out", file.resolve("frames").toString());
    assertThat(underAFile.exitCode()).isEqualTo(2);
    assertThat(underAFile.err().strip())
        .startsWith("Cannot make the folder " + file.resolve("frames"));
    assertThat(names(parent)).containsExactly("a-file");
  }

  @Test
  @DisplayName("render refuses impossible training options like train does")
  void impossibleTrainingOption(@TempDir Path out) {
    CommandLineTest.Run run =
        CommandLineTest.run("render", "--frames", "1", "--out", out.toString(), "--threads", "-1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo("--threads must be 0 (one per processor) or more (it is -1).");
  }

  /** A folder nobody may write to; as root (CI) permissions do not stop writes, so sysfs serves. */
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

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static int distinctColors(BufferedImage image) {
    Set<Integer> colors = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colors.add(image.getRGB(x, y));
      }
    }
    return colors.size();
  }
}
