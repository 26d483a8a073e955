package lab.centerloss.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ModelSize;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.TrainerControls;
import lab.centerloss.train.TrainerListener;
import lab.centerloss.train.TrainerStatus;
import lab.centerloss.train.TrainerStatus.State;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Live training without a window and without libtorch: what it asks of the trainer, and what it
 * shows.
 */
class LiveTrainingTest {
  /** Writes down every call; stands in for the trainer so that only the model is tested. */
  static final class CallLog implements TrainerControls {
    final List<String> calls = new ArrayList<>();
    final List<Hyperparameters> records = new ArrayList<>();
    final List<TrainerListener> listeners = new ArrayList<>();
    TrainerStatus status = new TrainerStatus(State.PAUSED, "Ready.", "CPU with 2 threads");

    @Override
    public void play() {
      calls.add("play");
    }

    @Override
    public void pause() {
      calls.add("pause");
    }

    @Override
    public void step() {
      calls.add("step");
    }

    @Override
    public void reset() {
      calls.add("reset");
    }

    @Override
    public void setHyperparameters(Hyperparameters hp) {
      records.add(hp);
    }

    @Override
    public void setStepsPerSecond(double rate) {
      calls.add("rate " + rate);
    }

    @Override
    public void setProbeEvery(int steps) {}

    @Override
    public void addListener(TrainerListener listener) {
      listeners.add(listener);
    }

    @Override
    public Optional<StepSnapshot> latest() {
      return Optional.empty();
    }

    @Override
    public TrainerStatus status() {
      return status;
    }

    @Override
    public void close() {
      calls.add("close");
    }

    void publish(StepSnapshot snapshot) {
      listeners.forEach(l -> l.onSnapshot(snapshot));
    }
  }

  private CallLog trainer;
  private RunHistory history;
  private LiveTraining training;

  @BeforeEach
  void createModel() {
    trainer = new CallLog();
    history = new RunHistory();
    training =
        new LiveTraining(
            (folder, hp) -> trainer,
            Path.of("datasets/mnist"),
            Hyperparameters.defaults(),
            history);
    training.start();
  }

  @Test
  @DisplayName(
      "after libtorch failed, the message shows and Restart builds a new trainer from the current settings")
  void restartAfterFailure() {
    List<CallLog> created = new ArrayList<>();
    LiveTraining failing =
        new LiveTraining(
            (folder, hp) -> {
              CallLog log = new CallLog();
              log.status =
                  created.isEmpty()
                      ? new TrainerStatus(
                          State.FAILED, "Training failed: out of memory", "CPU with 2 threads")
                      : new TrainerStatus(State.LOADING, "Loading libtorch and the data set…", "");
              created.add(log);
              return log;
            },
            Path.of("datasets/mnist"),
            Hyperparameters.defaults(),
            new RunHistory());
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
  @DisplayName("the trainer's state and device show; Play and Step are possible when paused")
  void startsPaused() {
    assertThat(training.deviceTextProperty().get()).isEqualTo("CPU with 2 threads");
    assertThat(training.canTrainProperty().get()).isTrue();
    assertThat(training.runningProperty().get()).isFalse();
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
    assertThat(trainer.calls).containsSubsequence("rate 2.0", "rate 0.0");
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
}
