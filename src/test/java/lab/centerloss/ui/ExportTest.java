package lab.centerloss.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import lab.centerloss.export.StepTables;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.TrainerStatus.State;
import lab.centerloss.ui.export.ExportViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Exports from the window: recorded frames, snapshot, data; with real training, headless. */
@ExtendWith(ApplicationExtension.class)
class ExportTest {
  private LabSession viewModel;

  @TempDir Path folder;

  @Start
  void start(Stage stage) throws Exception {
    viewModel = TestWindows.open(stage, Hyperparameters.defaults().withBatchSize(32), 300);
  }

  @AfterEach
  void close() throws Exception {
    TestWindows.close(viewModel);
  }

  @Test
  @DisplayName(
      "recording writes one frame per step at the chosen size; the data exports hold every step")
  void recordAndExport(FxRobot robot) throws Exception {
    waitFor(60, TimeUnit.SECONDS, () -> viewModel.training().stateProperty().get() == State.PAUSED);
    ExportViewModel export = viewModel.export();
    robot.interact(
        () -> {
          export.sizeProperty().set("1280x720");
          export.recordingFolderProperty().set(folder.toString());
          export.startRecording();
        });
    assertThat(export.recordingProperty().get()).isTrue();
    for (int i = 1; i <= 3; i++) {
      robot.interact(viewModel.training()::step);
      int expected = i;
      waitFor(30, TimeUnit.SECONDS, () -> export.framesWrittenProperty().get() == expected);
    }
    robot.interact(export::stopRecording);
    for (int i = 1; i <= 3; i++) {
      BufferedImage frame =
          ImageIO.read(folder.resolve(String.format("frame-%05d.png", i)).toFile());
      assertThat(frame.getWidth()).isEqualTo(1280);
      assertThat(frame.getHeight()).isEqualTo(720);
    }

    Path csv = folder.resolve("run.csv");
    robot.interact(() -> export.exportCsv(csv));
    waitFor(
        30,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> !export.busyProperty().get()) && Files.exists(csv));
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("step,epoch,head,lambda");
    assertThat(lines.get(0).split(",")).hasSize(StepTables.csvColumns().size());
    assertThat(lines.get(3)).startsWith("3,1,softmax,");

    Path jsonl = folder.resolve("run.jsonl");
    robot.interact(() -> export.exportJsonLines(jsonl));
    waitFor(
        30,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> !export.busyProperty().get()) && Files.exists(jsonl));
    assertThat(Files.readAllLines(jsonl)).hasSize(3);

    Path gif = folder.resolve("run.gif");
    robot.interact(() -> export.makeGif(gif));
    waitFor(
        30,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> !export.busyProperty().get()) && Files.exists(gif));
    assertThat(TestWindows.onFx(export.messageProperty()::get))
        .isEqualTo("Wrote the GIF of 3 frames to " + gif + ".");
    try (var files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  @DisplayName(
      "frames follow the theme: the plane on its dark background, or on white in the projector theme")
  void framesFollowTheTheme(FxRobot robot) throws Exception {
    waitFor(60, TimeUnit.SECONDS, () -> viewModel.training().stateProperty().get() == State.PAUSED);
    ExportViewModel export = viewModel.export();
    int frame = 0;
    for (boolean projector : List.of(false, true)) {
      Path into = Files.createDirectories(folder.resolve(projector ? "light" : "dark"));
      robot.interact(
          () -> {
            viewModel.options().projectorThemeProperty().set(projector);
            export.sizeProperty().set("1280x720");
            export.recordingFolderProperty().set(into.toString());
            export.startRecording();
            viewModel.training().step();
          });
      waitFor(30, TimeUnit.SECONDS, () -> export.framesWrittenProperty().get() >= 1);
      robot.interact(export::stopRecording);
      BufferedImage image = ImageIO.read(into.resolve("frame-00001.png").toFile());
      int rgb = image.getRGB(4, 715); // a corner of the background
      int brightness = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
      if (projector) {
        assertThat(brightness).as("on white").isGreaterThan(3 * 230);
      } else {
        assertThat(brightness).as("on the dark background").isLessThan(3 * 60);
      }
      frame++;
    }
    assertThat(frame).isEqualTo(2);
  }

  @Test
  @DisplayName("a recording folder that does not exist is named, and nothing records")
  void missingFolder(FxRobot robot) throws Exception {
    waitFor(60, TimeUnit.SECONDS, () -> viewModel.training().stateProperty().get() == State.PAUSED);
    Path missing = folder.resolve("nope");
    robot.interact(
        () -> {
          viewModel.export().recordingFolderProperty().set(missing.toString());
          viewModel.export().startRecording();
        });
    assertThat(viewModel.export().recordingProperty().get()).isFalse();
    assertThat(viewModel.export().messageProperty().get())
        .isEqualTo("Cannot write frames into " + missing + ": the folder does not exist.");
  }
}
