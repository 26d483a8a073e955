package lab.centerloss.ui.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import lab.centerloss.lesson.LessonRecordings;
import lab.centerloss.lesson.Scenario;
import lab.centerloss.testing.FakeTrainer;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.Vec2List;
import lab.centerloss.ui.common.BackgroundFiles;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.Setups;
import lab.centerloss.ui.model.ViewOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lesson's steps drive the run and the window as they say, without a window or libtorch. */
class LessonViewModelTest {
  private final FakeTrainer trainer = new FakeTrainer();
  private final RunHistory history = new RunHistory();
  private final ViewOptions options = new ViewOptions();
  private final List<String> comparisons = new ArrayList<>();
  private LiveTraining training;
  private LessonViewModel lesson;
  private Setups setups;
  private final List<String> said = new ArrayList<>();
  private final BooleanProperty comparisonTrained = new SimpleBooleanProperty(false);

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
    setups =
        new Setups(
            training,
            options,
            Optional::empty,
            preset -> comparisons.add(preset.id() + " 0"),
            new BackgroundFiles(),
            said::add);
    lesson =
        new LessonViewModel(
            training,
            history,
            options,
            setups,
            new LessonViewModel.Comparisons() {
              @Override
              public void open(ComparisonPreset preset, long untilStep) {
                comparisons.add(preset.id() + " " + untilStep);
              }

              @Override
              public void close() {
                comparisons.add("close");
              }

              @Override
              public ObservableBooleanValue trainedTo(long step) {
                comparisons.add("awaits " + step);
                return comparisonTrained;
              }

              @Override
              public void showRecorded(LessonRecordings.ComparisonRecording recording) {
                comparisons.add("recorded " + recording.part().preset().id());
              }
            });
  }

  @AfterEach
  void english() {
    Messages.use(Language.ENGLISH);
  }

  /** A step whose probe (taken after it) got {@code right} of 100 test images right. */
  private void arrive(long step, int right) {
    int[] labels = new int[100];
    int[] predictions = new int[100];
    for (int i = 0; i < 100; i++) {
      labels[i] = i % 10;
      predictions[i] = i < right ? i % 10 : (i + 1) % 10;
    }
    ProbeResult probe =
        new ProbeResult(
            step,
            Vec2List.copyOf(new float[200]),
            IntVector.copyOf(labels),
            IntVector.copyOf(predictions));
    trainer.publish(SnapshotBuilder.aStep().step(step).probe(probe).build());
    history.pull();
  }

  @Test
  @DisplayName(
      "the first step applies its settings and resets; the texts say where the class is and what was done")
  void firstStep() {
    assertThat(lesson.open("softmax-alone")).isTrue();
    assertThat(lesson.activeProperty().get()).isTrue();
    assertThat(training.hyperparametersProperty().get().lambda()).isZero();
    assertThat(trainer.calls).containsExactly("reset");
    assertThat(lesson.titleProperty().get())
        .isEqualTo("1. Softmax alone: separable, not discriminative");
    assertThat(lesson.progressProperty().get()).isEqualTo("Step 1 of 6");
    assertThat(lesson.narrationProperty().get()).startsWith("This network turns each 28×28 image");
    assertThat(lesson.questionProperty().get())
        .isEqualTo(
            "Question for the class: Before any training: where on the plane do you expect the ten digits?");
    assertThat(lesson.actionTextProperty().get()).isEqualTo("The run starts again from its seed.");
    assertThat(lesson.canBackProperty().get()).isFalse();
    assertThat(lesson.canNextProperty().get()).isTrue();
  }

  @Test
  @DisplayName(
      "train to a step, then train until an accuracy: the run pauses at the first probe that reaches it")
  void trainingSteps() {
    lesson.open("softmax-alone");
    lesson.next();
    assertThat(trainer.calls).endsWith("playUntil 300");
    assertThat(lesson.actionTextProperty().get())
        .isEqualTo("The run trains to step 300, then pauses.");
    arrive(300, 80);
    lesson.next();
    assertThat(trainer.calls).endsWith("playUntil 3000");
    assertThat(lesson.actionTextProperty().get())
        .isEqualTo(
            "The run trains until the probe accuracy reaches 95% (at most to step 3,000), then pauses.");
    arrive(301, 94);
    assertThat(trainer.calls).as("94 % is not yet 95 %").doesNotContain("pause");
    arrive(302, 95);
    assertThat(trainer.calls).endsWith("pause");
    arrive(303, 97);
    assertThat(trainer.calls).filteredOn("pause"::equals).as("paused once").hasSize(1);
  }

  @Test
  @DisplayName(
      "a step is done when its action is: trained to its step, to its accuracy, its comparison trained; a step that shows is done at once")
  void actionDone() {
    lesson.open("softmax-alone");
    assertThat(lesson.actionDoneProperty().get()).as("the reset's run has not arrived").isFalse();
    lesson.next();
    assertThat(lesson.actionDoneProperty().get()).isFalse();
    arrive(299, 80);
    assertThat(lesson.actionDoneProperty().get()).as("one step short").isFalse();
    arrive(300, 80);
    assertThat(lesson.actionDoneProperty().get()).isTrue();
    lesson.next();
    assertThat(lesson.actionDoneProperty().get()).isFalse();
    arrive(301, 94);
    assertThat(lesson.actionDoneProperty().get()).isFalse();
    arrive(302, 95);
    assertThat(lesson.actionDoneProperty().get()).isTrue();
    lesson.next();
    assertThat(lesson.actionDoneProperty().get()).as("a highlight").isTrue();
    lesson.open("center-loss");
    lesson.next();
    assertThat(comparisons).endsWith("lambda 1500", "awaits 1500");
    assertThat(lesson.actionDoneProperty().get()).isFalse();
    comparisonTrained.set(true);
    assertThat(lesson.actionDoneProperty().get()).isTrue();
    lesson.back();
    comparisonTrained.set(false);
    assertThat(lesson.actionDoneProperty().get())
        .as("a step left is no longer watched: Back does not train")
        .isTrue();
  }

  @Test
  @DisplayName(
      "Back shows the earlier step without training again; Do again repeats it; leaving keeps everything")
  void backAgainLeave() {
    lesson.open("softmax-alone");
    lesson.next();
    arrive(300, 80);
    lesson.next();
    int calls = trainer.calls.size();
    lesson.back();
    assertThat(lesson.progressProperty().get()).isEqualTo("Step 2 of 6");
    assertThat(trainer.calls).hasSize(calls);
    lesson.again();
    assertThat(trainer.calls).as("the run is already at step 300").hasSize(calls);
    Hyperparameters during = training.hyperparametersProperty().get();
    lesson.leave();
    assertThat(lesson.activeProperty().get()).isFalse();
    assertThat(lesson.narrationProperty().get()).isEmpty();
    assertThat(training.hyperparametersProperty().get()).isEqualTo(during);
    assertThat(trainer.calls).hasSize(calls);
  }

  @Test
  @DisplayName(
      "a comparison step opens the preset; a highlight marks the control until the next step; a tab step asks for the tab")
  void windowActions() {
    lesson.open("center-loss");
    lesson.next();
    assertThat(comparisons).endsWith("lambda 1500", "awaits 1500");
    lesson.back();
    lesson.open("softmax-alone");
    lesson.next();
    lesson.next();
    lesson.next();
    assertThat(options.highlightedControlProperty().get()).isEqualTo("lambdaSlider");
    lesson.next();
    assertThat(options.highlightedControlProperty().get()).isEmpty();
    assertThat(options.shownTabProperty().get()).isEqualTo("open-set");
  }

  @Test
  @DisplayName(
      "a step's setup puts its settings, view and comparison on the window; a setup file that cannot be used changes nothing")
  void setups(@TempDir Path folder) throws Exception {
    var setup =
        new Scenario(
            Hyperparameters.defaults().withLambda(0.7),
            new Scenario.View(true, false, true, true, true),
            Optional.of(ComparisonPreset.HEADS));
    Files.writeString(folder.resolve("setup.json"), setup.toJson());
    Path file = folder.resolve("lesson.json");
    Files.writeString(
        file,
        "{\"format\": 1, \"name\": \"s\", \"title\": {\"en\": \"S\", \"zh-CN\": \"设\"},"
            + " \"steps\": [{\"narration\": {\"en\": \"A\", \"zh-CN\": \"甲\"}, \"scenario\": \"setup.json\","
            + " \"settings\": {\"alpha\": 0.2}}]}");
    assertThat(lesson.open(file.toString())).isTrue();
    assertThat(training.hyperparametersProperty().get()).isEqualTo(setup.settings().withAlpha(0.2));
    assertThat(options.showTrainProperty().get()).isFalse();
    assertThat(options.showTrailsProperty().get()).isTrue();
    assertThat(comparisons).contains("heads 0");

    lesson.leave();
    Hyperparameters before = training.hyperparametersProperty().get();
    Files.writeString(
        folder.resolve("broken.json"), "{\"format\": 1, \"settings\": {\"lambda\": -1}}");
    assertThat(setups.open(folder.resolve("broken.json"))).isFalse();
    assertThat(said)
        .last()
        .asString()
        .startsWith("Setup " + folder.resolve("broken.json") + ", field settings: ");
    assertThat(training.hyperparametersProperty().get()).isEqualTo(before);
    assertThat(setups.current().settings()).isEqualTo(before);
  }

  @Test
  @DisplayName(
      "the narration follows the language; a lesson that cannot be opened is one sentence and changes nothing")
  void languageAndProblems() {
    lesson.open("center-update");
    Messages.use(Language.SIMPLIFIED_CHINESE);
    lesson.refreshTexts();
    assertThat(lesson.progressProperty().get()).isEqualTo("第 1 步，共 6 步");
    assertThat(lesson.titleProperty().get()).isEqualTo("3. α 与每个批次的类中心更新");
    Messages.use(Language.ENGLISH);
    lesson.leave();
    int calls = trainer.calls.size();
    assertThat(lesson.open("no-such-lesson")).isFalse();
    assertThat(lesson.problemProperty().get())
        .startsWith("There is no built-in lesson no-such-lesson;");
    assertThat(lesson.activeProperty().get()).isFalse();
    assertThat(trainer.calls).hasSize(calls);
    lesson.dismissProblem();
    assertThat(lesson.problemProperty().get()).isEmpty();
  }
}
