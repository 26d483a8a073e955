package lab.centerloss.ui.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.centerloss.export.ImageFiles;
import lab.centerloss.export.StepTables;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GIF of a recording: which files are its frames, and what a bad frame or a cancel leaves. */
class RecordingGifTest {
  @Test
  @DisplayName(
      "the frames are the recording's PNGs in order; an SVG beside them, or a note, is not a frame")
  void framesInOrder(@TempDir Path folder) throws IOException {
    for (String name :
        List.of(
            "frame-00002.png", "frame-00001.png", "frame-00001.svg", "notes.txt", "frame-1.png")) {
      Files.writeString(folder.resolve(name), "x");
    }
    assertThat(RecordingGif.framesIn(folder))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("frame-00001.png", "frame-00002.png");
  }

  @Test
  @DisplayName("a frame that is not a PNG is named; a cancel stops; neither leaves a GIF behind")
  void badFrameAndCancel(@TempDir Path folder) throws IOException {
    ImageFiles.writePng(
        new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB), folder.resolve("frame-00001.png"));
    Files.writeString(folder.resolve("frame-00002.png"), "not a picture");
    Path gif = folder.resolve("run.gif");
    List<Path> frames = RecordingGif.framesIn(folder);
    assertThatThrownBy(() -> RecordingGif.write(frames, gif, 100, p -> {}, () -> false))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("frame-00002.png");
    assertThat(gif).doesNotExist();
    assertThatThrownBy(
            () -> RecordingGif.write(frames.subList(0, 1), gif, 100, p -> {}, () -> true))
        .isInstanceOf(StepTables.Cancelled.class);
    assertThat(gif).doesNotExist();

    double[] progress = {0};
    RecordingGif.write(frames.subList(0, 1), gif, 100, p -> progress[0] = p, () -> false);
    assertThat(gif).isRegularFile();
    assertThat(progress[0]).isEqualTo(1.0);
  }
}
