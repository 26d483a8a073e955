package lab.centerloss.ui.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.ui.model.RunHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The recording without a window: which steps become frames, in what order and under what names,
 * and what a failed write does. Each frame is a 1x1 image whose color is its step's number, so a
 * file says which step it holds.
 */
class FrameRecorderTest {
  private final RunHistory history = new RunHistory();
  private final AtomicReference<String> message = new AtomicReference<>("");
  private final FrameRecorder recorder =
      new FrameRecorder(
          history,
          step -> {
            BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, (int) step.step());
            return image;
          },
          message::set);

  @BeforeAll
  static void startJavaFx() {
    HeadlessFx.start();
  }

  @Test
  @DisplayName(
      "every 2nd step from the start becomes a frame, numbered in order; a run started again goes on numbering")
  void recordsEveryNthStepInOrder(@TempDir Path folder) throws Exception {
    onFx(() -> recorder.start(folder, 2));
    addSteps(1, 10);
    onFx(recorder::onFrame); // four frames a frame at most: steps 2, 4, 6, 8
    onFx(recorder::onFrame); // and 10
    waitForFrames(5);
    assertThat(stepsIn(folder)).containsExactly(2L, 4L, 6L, 8L, 10L);

    onFx(history::clear); // the run starts again from step 1
    addSteps(1, 4);
    onFx(recorder::onFrame);
    waitForFrames(7);
    assertThat(stepsIn(folder)).containsExactly(2L, 4L, 6L, 8L, 10L, 2L, 4L);
    onFx(recorder::stop);
    assertThat(message.get()).isEqualTo("Recorded 7 frames into " + folder + ".");
  }

  @Test
  @DisplayName(
      "a frame that cannot be written stops the recording with one sentence naming the file")
  void failedWriteStops(@TempDir Path folder) throws Exception {
    Path gone = folder.resolve("gone");
    Files.createDirectory(gone);
    onFx(() -> recorder.start(gone, 1));
    Files.delete(gone);
    addSteps(1, 1);
    onFx(recorder::onFrame);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !recorder.recordingProperty().get());
    assertThat(message.get())
        .contains("frame-00001.png")
        .contains("Recording stopped")
        .doesNotContain("Exception");
  }

  private void addSteps(long first, long last) {
    onFx(
        () -> {
          for (long s = first; s <= last; s++) {
            history.listener().onSnapshot(SnapshotBuilder.aStep().step(s).batchSize(4).build());
          }
          history.pull();
        });
  }

  private void waitForFrames(int count) throws Exception {
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> recorder.framesWrittenProperty().get() == count);
  }

  private static List<Long> stepsIn(Path folder) throws Exception {
    List<Long> steps = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path frame : files.sorted().toList()) {
        assertThat(frame.getFileName().toString()).matches("frame-\\d{5}\\.png");
        steps.add((long) (ImageIO.read(frame.toFile()).getRGB(0, 0) & 0xffffff));
      }
    }
    return steps;
  }

  private static void onFx(Runnable work) {
    HeadlessFx.call(
        () -> {
          work.run();
          return null;
        });
  }
}
