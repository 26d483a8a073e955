package lab.centerloss.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import lab.centerloss.store.RunFile;
import lab.centerloss.testing.FakeTrainer;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.text.Language;
import lab.centerloss.text.Message;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.FloatVector;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.OptimizerKind;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.TrainerControls;
import lab.centerloss.train.Vec2List;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.ViewOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline without a window: scrubbing, stepping, replaying the past, going live. */
class TimelineViewModelTest {
  private final RunHistory history = new RunHistory();
  private TimelineViewModel timeline;

  /** A trainer that does nothing: only the timeline is tested. */
  private final TrainerControls idle = new FakeTrainer();

  @BeforeEach
  void fill() {
    LiveTraining training =
        new LiveTraining(
            (f, hp) -> idle,
            Path.of("."),
            Hyperparameters.defaults(),
            history,
            new ViewOptions().languageProperty());
    timeline = new TimelineViewModel(history, training);
    for (int step = 1; step <= 500; step++) {
      history.listener().onSnapshot(SnapshotBuilder.aStep().step(step).batchSize(4).build());
    }
    history.pull();
  }

  private long shown() {
    return history.shownProperty().getValue().step();
  }

  @Test
  @DisplayName("dragging shows that step; the last step is live again; Shift+arrow moves by one")
  void scrubbing() {
    assertThat(timeline.liveProperty().get()).isTrue();
    assertThat(timeline.lastStepProperty().get()).isEqualTo(500);
    timeline.scrubTo(300.4);
    assertThat(shown()).isEqualTo(300);
    assertThat(timeline.liveProperty().get()).isFalse();
    assertThat(timeline.shownStepProperty().get()).isEqualTo(300);
    timeline.stepBy(-1);
    assertThat(shown()).isEqualTo(299);
    timeline.stepBy(1);
    timeline.stepBy(1);
    assertThat(shown()).isEqualTo(301);
    // training goes on: the cursor stays where the class looks
    for (int step = 501; step <= 510; step++) {
      history.listener().onSnapshot(SnapshotBuilder.aStep().step(step).batchSize(4).build());
    }
    history.pull();
    assertThat(shown()).isEqualTo(301);
    assertThat(timeline.lastStepProperty().get()).isEqualTo(510);
    timeline.scrubTo(510);
    assertThat(timeline.liveProperty().get()).isTrue();
    timeline.scrubTo(-5);
    assertThat(shown()).isEqualTo(1);
    timeline.goLive();
    assertThat(shown()).isEqualTo(510);
  }

  @Test
  @DisplayName(
      "the automatic save makes the user's data folder when it does not exist yet (a fresh machine)")
  void autosaveMakesItsFolder(@TempDir Path home) {
    Path file = home.resolve("never/made/last-run.clab");
    RunHistory run = runWithOneStep();
    TimelineViewModel timeline =
        new TimelineViewModel(
            run,
            new LiveTraining(
                (f, h) -> idle,
                Path.of("."),
                Hyperparameters.defaults(),
                run,
                new ViewOptions().languageProperty()));
    timeline.autosave().keepIn(file);
    timeline.autosave().saveIfDue(RunAutosave.EVERY_NANOS + 1, Runnable::run);
    assertThat(file).isRegularFile();
    assertThat(timeline.messageProperty().get()).isEmpty();
  }

  @Test
  @DisplayName(
      "the last session's run is offered and left alone until answered; then the live run is saved when it changed and the half minute has passed")
  void autosaveWaitsForTheAnswerAndForChanges(@TempDir Path home) throws Exception {
    Path file = home.resolve("last-run.clab");
    Files.writeString(file, "the last session's run");
    RunHistory run = runWithOneStep();
    RunAutosave autosave =
        new TimelineViewModel(
                run,
                new LiveTraining(
                    (f, h) -> idle,
                    Path.of("."),
                    Hyperparameters.defaults(),
                    run,
                    new ViewOptions().languageProperty()))
            .autosave();
    autosave.keepIn(file);
    assertThat(autosave.reopenOfferedProperty().get()).isTrue();
    List<Runnable> writes = new ArrayList<>();
    autosave.saveIfDue(RunAutosave.EVERY_NANOS + 1, writes::add);
    autosave.saveNow();
    assertThat(writes).isEmpty();
    assertThat(Files.readString(file)).isEqualTo("the last session's run");

    autosave.answerReopen();
    long t = RunAutosave.EVERY_NANOS + 1;
    autosave.saveIfDue(t, writes::add);
    assertThat(writes).hasSize(1);
    autosave.saveIfDue(t + 2 * RunAutosave.EVERY_NANOS, writes::add);
    assertThat(writes).as("nothing new to save").hasSize(1);
    run.listener().onSnapshot(SnapshotBuilder.aStep().step(2).batchSize(4).build());
    run.pull();
    autosave.saveIfDue(t + RunAutosave.EVERY_NANOS / 2, writes::add);
    assertThat(writes).as("changed, but within the half minute").hasSize(1);
    autosave.saveIfDue(t + 3 * RunAutosave.EVERY_NANOS, writes::add);
    assertThat(writes).hasSize(2);
    writes.get(1).run();
    assertThat(RunFile.read(file).record().lastStep()).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "training started with the offer still up: the offer leaves the screen, and the last session's run is kept beside, not overwritten")
  void playingSetsTheOfferAside(@TempDir Path home) throws Exception {
    Path file = home.resolve("last-run.clab");
    Files.writeString(file, "the last session's run");
    List<String> said = new ArrayList<>();
    RunAutosave autosave = new RunAutosave(runWithOneStep(), m -> said.add(m.render()));
    autosave.keepIn(file);
    autosave.setOfferAside();
    assertThat(autosave.reopenOfferedProperty().get()).isFalse();
    Path aside = home.resolve("last-run-previous.clab");
    assertThat(Files.readString(aside)).isEqualTo("the last session's run");
    assertThat(file).doesNotExist();
    assertThat(said)
        .containsExactly(
            "Training started: the last session's run was kept as "
                + aside
                + " (Open run… shows it).");
    autosave.setOfferAside(); // answered: nothing more happens
    assertThat(said).hasSize(1);
  }

  @Test
  @DisplayName("'continuing from step N' is said until the run it describes is replaced by a reset")
  void continuationMessageEndsWithItsRun() {
    RunHistory run = runWithOneStep();
    TimelineViewModel view =
        new TimelineViewModel(
            run,
            new LiveTraining(
                (f, h) -> idle,
                Path.of("."),
                Hyperparameters.defaults(),
                run,
                new ViewOptions().languageProperty()));
    view.showMessage(Message.of("timeline.saved", "x.clab", 1L));
    run.listener().onOrigin(run.originProperty().get());
    run.pull();
    String saved = view.messageProperty().get();
    assertThat(saved).as("a message about a file outlives a reset").contains("x.clab");
    Messages.use(Language.SIMPLIFIED_CHINESE);
    view.refreshTexts();
    assertThat(view.messageProperty().get())
        .as("said again in the language switched to")
        .isNotEqualTo(saved)
        .contains("x.clab");
    Messages.use(Language.ENGLISH);
    view.refreshTexts();
    view.continueFromHere(); // not started, so not ready: a sentence that is no continuation
    String refused = view.messageProperty().get();
    assertThat(refused).isEqualTo("The trainer is not ready yet.");
    run.clear();
    assertThat(view.messageProperty().get()).isEqualTo(refused);
  }

  @Test
  @DisplayName("after a continuation, a reset (a new origin) clears 'continuing from step N'")
  void continuationMessageClearedByAReset() {
    RunHistory run = runWithOneStep();
    TrainerControls branching = new FakeTrainer();
    LiveTraining training =
        new LiveTraining(
            (f, h) -> branching,
            Path.of("."),
            Hyperparameters.defaults(),
            run,
            new ViewOptions().languageProperty());
    training.start();
    TimelineViewModel view = new TimelineViewModel(run, training);
    run.listener()
        .onCheckpoint(
            new Checkpoint(
                0, List.of(), OptimizerKind.SGD, 0, List.of(), List.of(), new float[20], 0, 0));
    run.pull();
    view.continueFromHere();
    assertThat(view.messageProperty().get()).startsWith("Continuing from step 1");
    var was = run.originProperty().get(); // a reset: the trainer publishes a new origin
    run.listener()
        .onOrigin(
            new RunOrigin(
                was.hyperparameters(),
                Vec2List.copyOf(new float[20]),
                was.head(),
                was.probe(),
                was.dataFingerprint()));
    run.pull();
    assertThat(view.messageProperty().get()).isEmpty();
  }

  /** A live run with its origin and one step, as a trainer would have published them. */
  private static RunHistory runWithOneStep() {
    RunHistory run = new RunHistory();
    Hyperparameters hp = Hyperparameters.defaults();
    int[] labels = new int[20];
    Arrays.setAll(labels, i -> i % 10);
    var probe =
        new ProbeResult(
            0, Vec2List.copyOf(new float[40]), IntVector.copyOf(labels), IntVector.copyOf(labels));
    run.listener()
        .onOrigin(
            new RunOrigin(
                hp,
                Vec2List.copyOf(new float[20]),
                new StepSnapshot.HeadParameters(
                    Vec2List.copyOf(new float[20]), Optional.of(FloatVector.copyOf(new float[10]))),
                probe,
                "0".repeat(64)));
    run.listener().onSnapshot(SnapshotBuilder.aStep().step(1).batchSize(4).build());
    run.pull();
    return run;
  }

  @Test
  @DisplayName("replay moves at the chosen pace, forward and backward, and stops at either end")
  void replay() {
    timeline.scrubTo(100);
    timeline.speedProperty().set(100.0);
    timeline.togglePlayback();
    long t0 = 1_000_000_000L;
    timeline.onFrame(t0);
    timeline.onFrame(t0 + 200_000_000L); // 0.2 s at 100 steps/s
    assertThat(shown()).isEqualTo(120);
    timeline.backwardsProperty().set(true);
    timeline.onFrame(t0 + 300_000_000L); // 0.1 s back
    assertThat(shown()).isEqualTo(110);
    for (int i = 1; i <= 10; i++) {
      timeline.onFrame(t0 + 300_000_000L + i * 200_000_000L);
    }
    assertThat(shown()).isEqualTo(1);
    assertThat(timeline.playingProperty().get()).isFalse();
  }

  @Test
  @DisplayName("the memory the run takes is reported")
  void memory() {
    assertThat(timeline.memoryTextProperty().get()).matches("500 steps kept · [0-9.]+ MB");
  }
}
