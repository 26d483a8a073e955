package lab.centerloss.ui.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import lab.centerloss.lesson.Lesson;
import lab.centerloss.lesson.LessonRecordings;
import lab.centerloss.store.RunRecord;
import lab.centerloss.testing.BlankRuns;
import lab.centerloss.testing.FakeTrainer;
import lab.centerloss.text.Language;
import lab.centerloss.text.Message;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.OptimizerKind;
import lab.centerloss.ui.common.BackgroundFiles;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.Setups;
import lab.centerloss.ui.model.ViewOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Recorded lesson steps (issue 27), without a window or libtorch: a step with a recording shows it
 * at once and goes on live from its end; one that cannot be used trains live and says why.
 */
class LessonRecordingPlayTest {
  private final FakeTrainer trainer = new FakeTrainer();
  private final RunHistory history = new RunHistory();
  private final ViewOptions options = new ViewOptions();
  private LiveTraining training;
  private LessonViewModel lesson;

  /** What the fake source answers: a recording, or why there is none. */
  private Optional<Message> refusal = Optional.empty();

  private final List<String> loaded = new ArrayList<>();

  /** What the lesson asked of the comparison. */
  private final List<String> compared = new ArrayList<>();

  @BeforeEach
  void create() {
    Messages.use(Language.ENGLISH);
    training =
        new LiveTraining(
            (folder, hp) -> trainer,
            Path.of("datasets/mnist"),
            Hyperparameters.defaults(),
            history,
            options.languageProperty());
    training.start();
    Setups setups =
        new Setups(training, options, Optional::empty, p -> {}, new BackgroundFiles(), s -> {});
    lesson =
        new LessonViewModel(
            training,
            history,
            options,
            setups,
            new LessonViewModel.Comparisons() {
              @Override
              public void open(ComparisonPreset preset, long untilStep) {
                compared.add("open " + preset.id() + " " + untilStep);
              }

              @Override
              public void close() {}

              @Override
              public ObservableBooleanValue trainedTo(long step) {
                return new SimpleBooleanProperty(true);
              }

              @Override
              public void showRecorded(LessonRecordings.ComparisonRecording recording) {
                compared.add(
                    "recorded " + recording.part().preset().id() + " " + recording.runs().size());
              }
            });
    lesson.setRecordings(
        new LessonViewModel.Recordings() {
          @Override
          public CompletableFuture<LessonRecordings.Recording> load(Lesson shown, int step) {
            loaded.add(shown.name() + " " + step);
            return refusal.isPresent()
                ? CompletableFuture.failedFuture(new LessonRecordings.Unusable(refusal.get()))
                : CompletableFuture.completedFuture(recording(shown));
          }

          @Override
          public CompletableFuture<LessonRecordings.ComparisonRecording> loadComparison(
              Lesson shown, int step) {
            loaded.add(shown.name() + " " + step);
            return refusal.isPresent()
                ? CompletableFuture.failedFuture(new LessonRecordings.Unusable(refusal.get()))
                : CompletableFuture.completedFuture(comparisonRecording(shown, step));
          }

          @Override
          public Optional<Message> adopt(LessonRecordings.Recording recording, long step) {
            return training.adopt(recording.run(), step);
          }
        });
  }

  /** The recording of a compare step: each run of its preset, 10 steps, with those settings. */
  private static LessonRecordings.ComparisonRecording comparisonRecording(Lesson shown, int step) {
    LessonRecordings.ComparisonPart part = LessonRecordings.comparisonAt(shown, step).orElseThrow();
    List<RunRecord> runs = new ArrayList<>();
    for (Hyperparameters hp : part.runs()) {
      RunRecord run = BlankRuns.of(hp, part.untilStep());
      runs.add(run);
    }
    return new LessonRecordings.ComparisonRecording(
        part,
        runs,
        new LessonRecordings.Made(
            shown.name(), "9.9", "2.7.1-1.5.12", "cpu", 2, "0".repeat(64), "2026-12-04"));
  }

  @AfterEach
  void english() {
    Messages.use(Language.ENGLISH);
  }

  /**
   * A recording of softmax-alone's first part as {@code lesson --record} makes one: 1,180 steps
   * with the lesson's settings, checkpoints at the start, at 300 and at 1,180 (where its two train
   * steps end).
   */
  private LessonRecordings.Recording recording(Lesson shown) {
    Hyperparameters hp = training.hyperparametersProperty().get();
    RunRecord run = BlankRuns.of(hp, 1180);
    for (long step : new long[] {0, 300, 1180}) {
      run.addCheckpoint(
          new Checkpoint(
              step, List.of(), OptimizerKind.SGD, step, List.of(), List.of(), new float[20], 1, 0));
    }
    return new LessonRecordings.Recording(
        run,
        new LessonRecordings.Made(
            shown.name(), "9.9", "2.7.1-1.5.12", "cpu", 2, "0".repeat(64), "2026-12-04"),
        new LessonRecordings.Entry(
            0, 0, "softmax-alone-step1.clab", 1, "0".repeat(64), Map.of(1, 300L, 2, 1180L), 60));
  }

  @Test
  @DisplayName(
      "a recorded step shows its run at the step's end at once, says how it was made, and the trainer goes on from there")
  void recorded() {
    lesson.open("softmax-alone");
    assertThat(trainer.calls).containsExactly("reset");
    lesson.next();
    assertThat(loaded).containsExactly("softmax-alone 1");
    assertThat(trainer.calls).containsExactly("reset", "branch 300");
    assertThat(history.liveRecord().lastStep()).isEqualTo(300);
    assertThat(history.latestProperty().get().step()).isEqualTo(300);
    assertThat(lesson.recordingTextProperty().get())
        .isEqualTo(
            "Recording made by Center Loss Lab 9.9 with libtorch 2.7.1-1.5.12 on the CPU (2 threads)"
                + " on 2026-12-04, seed 1: shown at step 300, where this step ends.");
    assertThat(lesson.canTrainLiveProperty().get()).isTrue();
    lesson.next();
    assertThat(trainer.calls).endsWith("branch 1180").doesNotContain("playUntil 3000");
    assertThat(history.liveRecord().lastStep()).isEqualTo(1180);
    Messages.use(Language.SIMPLIFIED_CHINESE);
    lesson.refreshTexts();
    assertThat(lesson.recordingTextProperty().get())
        .startsWith("录制信息：由 Center Loss Lab 9.9 使用 libtorch 2.7.1-1.5.12 在 CPU")
        .contains("第 1,180 步");
    Messages.use(Language.ENGLISH);
    lesson.next();
    assertThat(lesson.recordingTextProperty().get()).as("a highlight step").isEmpty();
    assertThat(lesson.canTrainLiveProperty().get()).isFalse();
  }

  @Test
  @DisplayName(
      "Train it live trains the step for real from the seed; the next step of that part trains live too")
  void trainLive() {
    lesson.open("softmax-alone");
    lesson.next();
    lesson.trainLive();
    assertThat(trainer.calls).containsExactly("reset", "branch 300", "reset", "playUntil 300");
    assertThat(lesson.recordingTextProperty().get())
        .isEqualTo("Training live from seed 1, as the step says.");
    assertThat(lesson.canTrainLiveProperty().get()).isFalse();
    lesson.next();
    assertThat(loaded).as("no recording is read for a part chosen live").hasSize(1);
    assertThat(trainer.calls).endsWith("playUntil 3000");
    lesson.back();
    lesson.back();
    lesson.again();
    lesson.next();
    assertThat(loaded).as("a reset starts over with recordings").hasSize(2);
    assertThat(trainer.calls).endsWith("branch 300");
  }

  @Test
  @DisplayName("a recording that cannot be used: the step trains live, and one sentence says why")
  void broken() {
    refusal = Optional.of(Message.of("lesson.recording.missing", "softmax-alone-step1.clab"));
    lesson.open("softmax-alone");
    lesson.next();
    assertThat(trainer.calls).containsExactly("reset", "playUntil 300");
    assertThat(lesson.recordingTextProperty().get())
        .isEqualTo("This step trains live: its recording softmax-alone-step1.clab is missing.");
    assertThat(lesson.canTrainLiveProperty().get()).isFalse();
    refusal = Optional.of(Message.of(LessonRecordings.NONE));
    lesson.again();
    assertThat(lesson.recordingTextProperty().get()).as("no recording: nothing to say").isEmpty();
  }

  @Test
  @DisplayName("settings changed by the teacher since the reset: the step trains live and says so")
  void otherSettings() {
    lesson.open("softmax-alone");
    refusal = Optional.empty();
    Hyperparameters recorded = training.hyperparametersProperty().get();
    LessonRecordings.Recording recording = recording(lesson.lesson().orElseThrow());
    training.setHyperparameters(recorded.withLambda(0.5));
    lesson.setRecordings(
        new LessonViewModel.Recordings() {
          @Override
          public CompletableFuture<LessonRecordings.Recording> load(Lesson shown, int step) {
            return CompletableFuture.completedFuture(recording);
          }

          @Override
          public CompletableFuture<LessonRecordings.ComparisonRecording> loadComparison(
              Lesson shown, int step) {
            return CompletableFuture.failedFuture(
                new LessonRecordings.Unusable(Message.of(LessonRecordings.NONE)));
          }

          @Override
          public Optional<Message> adopt(LessonRecordings.Recording r, long step) {
            return training.adopt(r.run(), step);
          }
        });
    lesson.next();
    assertThat(trainer.calls).endsWith("playUntil 300").doesNotContain("branch 300");
    assertThat(lesson.recordingTextProperty().get())
        .isEqualTo("This step trains live: its settings are not those it was recorded with.");
  }

  @Test
  @DisplayName(
      "a recorded comparison is shown in its panes at once and says how it was made; Train it live trains the comparison; a refused one trains live and says why")
  void recordedComparison() {
    lesson.open("center-loss");
    lesson.next(); // step 2: lambda 0 / 0.01 / 0.1 / 1 to step 1,500
    assertThat(loaded).containsExactly("center-loss 1");
    assertThat(compared).containsExactly("recorded lambda 4");
    assertThat(lesson.actionDoneProperty().get()).isTrue();
    assertThat(lesson.canTrainLiveProperty().get()).isTrue();
    assertThat(lesson.recordingTextProperty().get())
        .isEqualTo(
            "Recording of these 4 runs, each trained alone from seed 1 by Center Loss Lab 9.9 with"
                + " libtorch 2.7.1-1.5.12 on the CPU (2 threads) on 2026-12-04: shown to step"
                + " 1,500, where this step ends. A recorded comparison does not train on: Train it"
                + " live trains these runs here, from the seed.");
    Messages.use(Language.SIMPLIFIED_CHINESE);
    lesson.refreshTexts();
    assertThat(lesson.recordingTextProperty().get())
        .startsWith("这 4 个运行的录制")
        .contains("在 CPU（2 个线程）");
    Messages.use(Language.ENGLISH);

    lesson.trainLive();
    assertThat(compared).containsExactly("recorded lambda 4", "open lambda 1500");
    assertThat(lesson.recordingTextProperty().get())
        .isEqualTo("Training live from seed 1, as the step says.");
    assertThat(lesson.canTrainLiveProperty().get()).isFalse();
    lesson.again();
    assertThat(compared).as("chosen live, it stays live").endsWith("open lambda 1500").hasSize(3);

    refusal = Optional.of(Message.of("lesson.recording.otherVersion", "0.0.9", "9.9"));
    lesson.open("center-loss");
    lesson.next();
    assertThat(compared).endsWith("open lambda 1500").hasSize(4);
    assertThat(lesson.recordingTextProperty().get())
        .isEqualTo(
            "This step trains live: its recording was made by version 0.0.9 of the app, and this"
                + " is 9.9.");
  }

  @Test
  @DisplayName("a recorded comparison of other settings than the window's: it trains live")
  void comparisonOfOtherSettings() {
    lesson.open("center-loss");
    training.setHyperparameters(training.hyperparametersProperty().get().withAlpha(0.9));
    lesson.next();
    assertThat(compared).containsExactly("open lambda 1500");
    assertThat(lesson.recordingTextProperty().get())
        .isEqualTo("This step trains live: its settings are not those it was recorded with.");
  }
}
