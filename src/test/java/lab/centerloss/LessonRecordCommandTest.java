package lab.centerloss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.centerloss.lesson.Lesson;
import lab.centerloss.lesson.LessonFile;
import lab.centerloss.lesson.LessonRecordings;
import lab.centerloss.testing.TestData;
import lab.centerloss.text.AppInfo;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.TrainingEngine;
import lab.centerloss.train.TrainingSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lesson --record} end to end, and a committed recording trained again (issue 27). */
class LessonRecordCommandTest {
  @BeforeEach
  void english() {
    Messages.use(Language.ENGLISH);
  }

  @Test
  @DisplayName(
      "lesson FILE --record writes a recording beside the lesson file that the window can use; a built-in lesson needs a folder named")
  void recordsBesideTheFile(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("tiny.json");
    Files.writeString(
        file,
        """
        {"format": 1, "name": "tiny", "title": {"en": "Tiny", "zh-CN": "小"},
         "steps": [
          {"narration": {"en": "Reset.", "zh-CN": "重置。"}, "settings": {"seed": 3},
           "action": {"type": "reset"}},
          {"narration": {"en": "Train.", "zh-CN": "训练。"}, "action": {"type": "train", "until_step": 4}},
          {"narration": {"en": "Look.", "zh-CN": "看。"}, "action": {"type": "highlight", "control": "lambdaSlider"}},
          {"narration": {"en": "More.", "zh-CN": "更多。"}, "action": {"type": "train", "until_step": 6}}
         ]}
        """);
    CommandLineTest.Run run =
        CommandLineTest.run(
            "lesson", file.toString(), "--record", "--probe-size", "100", "--threads", "2");
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("tiny-step1.clab").contains("Wrote 1 recordings into");
    assertThat(folder.resolve("tiny.recordings.json")).exists();
    Lesson lesson = LessonFile.read(file);
    LessonRecordings.Recording recording =
        LessonRecordings.load(lesson, 3, TestData.mnist().fingerprint(), AppInfo.VERSION, folder);
    assertThat(recording.endOf(1)).isEqualTo(4);
    assertThat(recording.endOf(3)).isEqualTo(6);
    assertThat(recording.run().lastStep()).isEqualTo(6);
    assertThat(recording.run().checkpoints().stream().map(Checkpoint::step).toList())
        .containsExactly(0L, 4L, 6L);
    assertThat(recording.run().at(4).orElseThrow().hasBatchDetails())
        .as("a step's end keeps its batch")
        .isTrue();
    assertThat(recording.run().at(3).orElseThrow().hasBatchDetails()).isFalse();
    assertThat(recording.made().device()).isEqualTo("cpu");
    assertThat(recording.seed()).isEqualTo(3);

    // cut off: the step trains live and says why
    Path clab = folder.resolve("tiny-step1.clab");
    byte[] bytes = Files.readAllBytes(clab);
    Files.write(clab, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    try {
      LessonRecordings.load(lesson, 1, null, AppInfo.VERSION, folder);
      throw new AssertionError("a truncated recording was used");
    } catch (LessonRecordings.Unusable e) {
      assertThat(e.why().render())
          .startsWith("This step trains live: its recording tiny-step1.clab is not the file");
    }

    CommandLineTest.Run builtIn = CommandLineTest.run("lesson", "softmax-alone", "--record");
    assertThat(builtIn.exitCode()).isEqualTo(2);
    assertThat(builtIn.err())
        .contains("Name the folder for the recordings of the built-in lesson softmax-alone");
  }

  @Test
  @DisplayName(
      "the first 20 steps of a committed recording, trained again live from its seed: the same losses and centers (within 1e-4)")
  void retrainsTheSame(@TempDir Path scratch) throws Exception {
    Lesson lesson = LessonFile.builtIn("center-update");
    LessonRecordings.Recording recording =
        LessonRecordings.load(lesson, 1, TestData.mnist().fingerprint(), AppInfo.VERSION, scratch);
    List<StepSnapshot> recorded = recording.run().steps().subList(0, 20);
    try (TrainingEngine engine =
            TrainingEngine.open(TestData.mnist(), DeviceChoice.CPU, recording.made().threads());
        TrainingSession session = engine.newSession(recording.run().origin().hyperparameters())) {
      for (StepSnapshot then : recorded) {
        StepSnapshot now = session.step(then.hyperparameters(), false);
        assertThat(now.step()).isEqualTo(then.step());
        assertThat(now.scalars().lossSoftmax())
            .as("softmax loss at step %d", then.step())
            .isCloseTo(then.scalars().lossSoftmax(), within(1e-4));
        assertThat(now.scalars().lossCenter())
            .as("center loss at step %d", then.step())
            .isCloseTo(then.scalars().lossCenter(), within(1e-4));
        for (int j = 0; j < then.classes(); j++) {
          assertThat(now.centers().after().x(j))
              .isCloseTo(then.centers().after().x(j), within(1e-4f));
          assertThat(now.centers().after().y(j))
              .isCloseTo(then.centers().after().y(j), within(1e-4f));
        }
      }
    }
  }
}
