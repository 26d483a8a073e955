package lab.centerloss.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import lab.centerloss.testing.BlankRuns;
import lab.centerloss.testing.FakeTrainer;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.text.Language;
import lab.centerloss.text.Message;
import lab.centerloss.text.Messages;
import lab.centerloss.train.DigitSet;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ModelSize;
import lab.centerloss.train.TrainerStatus;
import lab.centerloss.train.TrainerStatus.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Live training without a window and without libtorch: what it asks of the trainer, and what it
 * shows.
 */
class LiveTrainingTest {
  private final FakeTrainer trainer = new FakeTrainer();
  private final ViewOptions options = new ViewOptions();
  private RunHistory history;
  private LiveTraining training;

  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @BeforeEach
  void createModel() {
    history = new RunHistory();
    training =
        new LiveTraining(
            (folder, hp) -> trainer,
            Path.of("datasets/mnist"),
            Hyperparameters.defaults(),
            history,
            options.languageProperty());
    training.start();
  }

  @AfterEach
  void english() {
    Messages.use(Language.ENGLISH);
  }

  @Test
  @DisplayName(
      "after libtorch failed, the message shows and Restart builds a new trainer from the current settings")
  void restartAfterFailure() {
    List<FakeTrainer> created = new ArrayList<>();
    LiveTraining failing =
        new LiveTraining(
            (folder, hp) -> {
              FakeTrainer fake =
                  new FakeTrainer()
                      .withStatus(
                          created.isEmpty()
                              ? new TrainerStatus(
                                  State.FAILED,
                                  Message.of("trainer.failed", "out of memory"),
                                  Optional.of(Message.of("device.cpu", 2)))
                              : TrainerStatus.loading());
              created.add(fake);
              return fake;
            },
            Path.of("datasets/mnist"),
            Hyperparameters.defaults(),
            new RunHistory(),
            options.languageProperty());
    failing.start();
    assertThat(failing.statusTextProperty().get()).isEqualTo("Training failed: out of memory");
    assertThat(failing.stateProperty().get()).isEqualTo(State.FAILED);

    failing.reset(); // a reset cannot help a trainer whose thread has ended
    assertThat(created.get(0).calls).doesNotContain("reset");
    failing.restart();
    assertThat(created).hasSize(2);
    assertThat(created.get(0).calls).contains("close");
    assertThat(failing.stateProperty().get()).isEqualTo(State.LOADING);
  }

  @Test
  @DisplayName(
      "while the trainer loads, Play and Step wait; once it says it is ready, its state and device show and they reach it")
  void startsPaused() throws Exception {
    FakeTrainer loading = new FakeTrainer().withStatus(TrainerStatus.loading());
    LiveTraining model =
        onFx(
            () -> {
              LiveTraining m =
                  new LiveTraining(
                      (folder, hp) -> loading,
                      Path.of("datasets/mnist"),
                      Hyperparameters.defaults(),
                      new RunHistory(),
                      options.languageProperty());
              m.start();
              m.play();
              m.step();
              return m;
            });
    assertThat(onFx(() -> model.statusTextProperty().get()))
        .isEqualTo("Loading libtorch and the data set…");
    assertThat(onFx(() -> model.deviceTextProperty().get())).isEmpty();
    assertThat(onFx(() -> model.canTrainProperty().get())).isFalse();
    assertThat(loading.calls).doesNotContain("play", "step");

    loading.publishFromAnotherThread(FakeTrainer.ready());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(onFx(() -> model.statusTextProperty().get())).isEqualTo("Ready.");
    assertThat(onFx(() -> model.deviceTextProperty().get())).isEqualTo("CPU with 2 threads");
    assertThat(onFx(() -> model.canTrainProperty().get())).isTrue();
    assertThat(onFx(() -> model.runningProperty().get())).isFalse();
    onFx(
        () -> {
          model.play();
          return null;
        });
    assertThat(loading.calls).contains("play");
  }

  @Test
  @DisplayName(
      "settings that need a rebuild, set while the trainer loads (a setup opened at launch), start the run again once it is ready")
  void rebuildAsksForWhileLoadingWaitsForTheTrainer() throws Exception {
    FakeTrainer loading = new FakeTrainer().withStatus(TrainerStatus.loading());
    Hyperparameters sixDigits =
        Hyperparameters.defaults().withKnownDigits(DigitSet.of(2, 3, 4, 5, 8, 9));
    LiveTraining model =
        onFx(
            () -> {
              LiveTraining m =
                  new LiveTraining(
                      (folder, hp) -> loading,
                      Path.of("datasets/mnist"),
                      Hyperparameters.defaults(),
                      new RunHistory(),
                      options.languageProperty());
              m.start();
              m.setHyperparameters(sixDigits);
              return m;
            });
    assertThat(loading.calls).doesNotContain("reset");
    assertThat(loading.lastRecord()).isEqualTo(sixDigits);

    loading.publishFromAnotherThread(FakeTrainer.ready());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(loading.count("reset")).isEqualTo(1);
    // once, not at every status after it
    loading.publishFromAnotherThread(FakeTrainer.ready());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(loading.count("reset")).isEqualTo(1);
    assertThat(onFx(() -> model.hyperparametersProperty().get())).isEqualTo(sixDigits);
  }

  @Test
  @DisplayName(
      "a language switch says the trainer's status and device again in the new language, asking the trainer nothing")
  void languageSwitchAsksTheTrainerNothing() throws Exception {
    trainer.publishFromAnotherThread(FakeTrainer.ready());
    WaitForAsyncUtils.waitForFxEvents();
    int calls = trainer.calls.size();
    int records = trainer.records.size();
    int rates = trainer.rates.size();
    onFx(
        () -> {
          options.languageProperty().set(Language.SIMPLIFIED_CHINESE);
          return null;
        });
    assertThat(onFx(() -> training.statusTextProperty().get())).isEqualTo("就绪。");
    assertThat(onFx(() -> training.deviceTextProperty().get())).isEqualTo("CPU，2 个线程");
    onFx(
        () -> {
          options.languageProperty().set(Language.ENGLISH);
          return null;
        });
    assertThat(onFx(() -> training.statusTextProperty().get())).isEqualTo("Ready.");
    assertThat(trainer.calls).hasSize(calls);
    assertThat(trainer.records).hasSize(records);
    assertThat(trainer.rates).hasSize(rates);
    assertThat(trainer.probeIntervals).isEmpty();
  }

  private static <T> T onFx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName(
      "a new model size, seed or center start needs a rebuild: the trainer is reset; a new lambda is not")
  void rebuildsResetTheTrainer() {
    training.setHyperparameters(Hyperparameters.defaults().withLambda(0.5));
    assertThat(trainer.calls).doesNotContain("reset");
    training.setHyperparameters(
        Hyperparameters.defaults().withLambda(0.5).withModel(ModelSize.PAPER));
    assertThat(trainer.records.get(trainer.records.size() - 1).model()).isEqualTo(ModelSize.PAPER);
    assertThat(trainer.calls).containsOnlyOnce("reset");
    training.setHyperparameters(
        Hyperparameters.defaults().withLambda(0.5).withModel(ModelSize.PAPER).withSeed(9));
    assertThat(trainer.calls).filteredOn("reset"::equals).hasSize(2);
  }

  @Test
  @DisplayName("the speed control sets the trainer's pace; 0 is as fast as possible")
  void speed() {
    training.stepsPerSecondProperty().set(2.0);
    training.stepsPerSecondProperty().set(0.0);
    assertThat(trainer.rates).containsSubsequence(2.0, 0.0);
  }

  @Test
  @DisplayName("Step announces its step once it has arrived and the trainer is paused")
  void stepIsAnnounced() {
    training.step();
    assertThat(trainer.calls).contains("step");
    assertThat(training.singleStepDoneProperty().get()).isNull();
    trainer.publish(SnapshotBuilder.aStep().step(1).build());
    history.pull();
    assertThat(training.singleStepDoneProperty().get().step()).isEqualTo(1);
  }

  @Test
  @DisplayName("reset forgets the run's history")
  void resetClearsTheHistory() {
    trainer.publish(SnapshotBuilder.aStep().step(1).build());
    history.pull();
    assertThat(history.size()).isEqualTo(1);
    training.reset();
    assertThat(trainer.calls).contains("reset");
    assertThat(history.size()).isZero();
    assertThat(history.latestProperty().get()).isNull();
  }

  @Test
  @DisplayName(
      "Continue from here on a run of another shape opened from a file: the settings take the run's shape (feature size, known digits) and keep the sliders' others, without starting again")
  void continueTakesTheRunsShape() {
    Hyperparameters shaped =
        Hyperparameters.defaults().withFeatureDim(3).withKnownDigits(DigitSet.OPEN_SET);
    training.setHyperparameters(Hyperparameters.defaults().withLambda(0.4));
    lab.centerloss.store.RunRecord opened = BlankRuns.of(shaped, 5);
    opened.addCheckpoint(
        new lab.centerloss.train.Checkpoint(
            0,
            List.of(),
            lab.centerloss.train.OptimizerKind.SGD,
            0,
            List.of(),
            List.of(),
            new float[18],
            1,
            0));
    history.show(opened);
    assertThat(training.continueFrom(5)).isEmpty();
    assertThat(trainer.calls).contains("branch 5").doesNotContain("reset");
    Hyperparameters now = training.hyperparametersProperty().get();
    assertThat(now.featureDim()).isEqualTo(3);
    assertThat(now.knownDigits()).isEqualTo(DigitSet.OPEN_SET);
    assertThat(now.lambda()).as("the sliders' own").isEqualTo(0.4);
    assertThat(trainer.records.get(trainer.records.size() - 1)).isEqualTo(now);
  }
}
