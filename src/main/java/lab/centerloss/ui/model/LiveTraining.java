package lab.centerloss.ui.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import lab.centerloss.store.RunRecord;
import lab.centerloss.text.Language;
import lab.centerloss.text.Message;
import lab.centerloss.train.DrawnFeature;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Trainer;
import lab.centerloss.train.TrainerControls;
import lab.centerloss.train.TrainerListener;
import lab.centerloss.train.TrainerStatus;
import lab.centerloss.train.TrainerStatus.State;
import lab.centerloss.ui.common.FxThread;

/**
 * Live training as the window sees it: the trainer's life (start, another data folder, a restart
 * after a failure), its state, and the commands that reach it. The trainer's steps go into the
 * {@link RunHistory}; settings reach the trainer as one immutable record each time they change.
 * Runs on the JavaFX thread.
 */
public final class LiveTraining {
  /** Makes the trainer for a data folder; a new one replaces the old when the folder changes. */
  @FunctionalInterface
  public interface TrainerFactory {
    TrainerControls create(Path dataFolder, Hyperparameters initial);
  }

  private final TrainerFactory trainerFactory;
  private final RunHistory history;
  private final RunLibrary library = new RunLibrary();
  private TrainerControls trainer;
  private Path dataFolder;
  private final ReadOnlyObjectWrapper<Hyperparameters> hyperparameters =
      new ReadOnlyObjectWrapper<>();
  private final ObjectProperty<Double> stepsPerSecond = new SimpleObjectProperty<>(0.0);
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
  private final ObservableValue<Language> language;
  private final ObjectProperty<Message> statusMessage =
      new SimpleObjectProperty<>(TrainerStatus.loading().message());

  /** The device the trainer last named; it keeps it while a new trainer loads. */
  private final ObjectProperty<Message> deviceMessage = new SimpleObjectProperty<>();

  private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper deviceText = new ReadOnlyStringWrapper();
  private final ReadOnlyObjectWrapper<Message> notice = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canTrain = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canReset = new ReadOnlyBooleanWrapper();

  /** Set to the step trained by {@link #step()} once it has arrived: the step-through shows it. */
  private final ReadOnlyObjectWrapper<StepSnapshot> singleStepDone = new ReadOnlyObjectWrapper<>();

  private boolean awaitingSingleStep;

  /**
   * Settings that need a rebuild arrived before the trainer could start again (it was still
   * loading, e.g. a setup opened at launch): the run starts again from the seed once it can. Until
   * then the trainer would train the network it built first while the snapshots report the new
   * settings (ten centers drawn for six known digits).
   */
  private boolean rebuildWhenReady;

  /**
   * @param language the language the window speaks: the trainer's messages are put into words in
   *     it, again whenever it changes
   */
  public LiveTraining(
      TrainerFactory trainerFactory,
      Path dataFolder,
      Hyperparameters initial,
      RunHistory history,
      ObservableValue<Language> language) {
    this.trainerFactory = Objects.requireNonNull(trainerFactory);
    this.dataFolder = dataFolder;
    this.history = history;
    this.language = language;
    statusText.bind(
        Bindings.createStringBinding(() -> statusMessage.get().render(), statusMessage, language));
    deviceText.bind(
        Bindings.createStringBinding(
            () -> deviceMessage.get() == null ? "" : deviceMessage.get().render(),
            deviceMessage,
            language));
    hyperparameters.set(initial.validated());
    stepsPerSecond.addListener(
        (o, was, now) -> {
          if (trainer != null) {
            trainer.setStepsPerSecond(now == null ? 0 : now);
          }
        });
    history.latestProperty().addListener((o, was, now) -> announceSingleStep());
    history
        .originProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null && history.showingLiveProperty().get()) {
                trainerFingerprint = now.dataFingerprint();
              }
            });
    running.addListener((o, was, now) -> announceSingleStep());
  }

  /** Creates the trainer, which loads libtorch and the data in the background. */
  public void start() {
    trainer = trainerFactory.create(dataFolder, hyperparameters.get());
    trainer.setStepsPerSecond(stepsPerSecond.get() == null ? 0 : stepsPerSecond.get());
    trainer.addListener(history.listener());
    TrainerControls current = trainer;
    trainer.addListener(
        new TrainerListener() {
          @Override
          public void onStatus(TrainerStatus status) {
            // A closed trainer's last word ("Stopped.") can arrive after its successor's first.
            FxThread.run(
                () -> {
                  if (trainer == current) {
                    apply(status);
                  }
                });
          }
        });
    apply(trainer.status());
  }

  /** Another data folder: the current trainer is closed and a new one loads from there. */
  public void useDataFolder(Path folder) {
    close();
    dataFolder = folder;
    history.dropIncoming();
    history.clear();
    start();
  }

  /** After libtorch failed (its thread has ended): a new trainer with the current settings. */
  public void restart() {
    if (state.get() == State.FAILED) {
      useDataFolder(dataFolder);
    }
  }

  /** Stops the trainer: the window is closing. */
  public void close() {
    if (trainer != null) {
      trainer.close();
      trainer = null;
    }
  }

  public void togglePlay() {
    if (running.get()) {
      pause();
    } else {
      play();
    }
  }

  public void play() {
    if (canTrain.get()) {
      history.goLive();
      trainer.play();
    }
  }

  /**
   * Trains until the run reaches this step, then pauses there (see {@link
   * lab.centerloss.train.TrainerControls#playUntil}).
   */
  public void playUntil(long step) {
    if (canTrain.get()) {
      history.goLive();
      trainer.playUntil(step);
    }
  }

  public void pause() {
    if (trainer != null) {
      trainer.pause();
    }
  }

  /** One batch, then pause; {@link #singleStepDoneProperty()} announces it when it arrives. */
  public void step() {
    if (canTrain.get()) {
      awaitingSingleStep = true;
      history.goLive();
      trainer.step();
    }
  }

  /**
   * The feature of a drawn digit (prepared as MNIST's were) under the live network, computed on the
   * trainer's thread; fails when there is no trainer.
   */
  public CompletableFuture<DrawnFeature> featureOfDrawing(byte[] image) {
    if (trainer == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("no trainer"));
    }
    return trainer.featureOfDrawing(image);
  }

  /** Starts again from the seed. */
  public void reset() {
    if (trainer != null && canReset.get()) {
      trainer.reset();
      history.dropIncoming();
      history.clear();
    }
  }

  /**
   * "Continue from here": the live run goes on from a step of the run shown, re-trained exactly
   * from the nearest checkpoint at or before it; the settings now on the sliders take over after
   * it. The live run's later steps are kept as a run of their own.
   *
   * @return why it cannot, or empty when the trainer was asked
   */
  public Optional<Message> continueFrom(long step) {
    if (trainer == null || !canReset.get() || state.get() == State.LOADING) {
      return Optional.of(Message.of("runs.notReady"));
    }
    BranchPoint point = branchPointAt(step);
    if (point.problem() != null) {
      return Optional.of(point.problem());
    }
    RunRecord shown = history.record();
    RunRecord live = history.liveRecord();
    if (live != null && live.size() > 0 && (live != shown || live.lastStep() > step)) {
      library.keep(live.copy(), step);
    }
    trainer.branch(point.request());
    takeShapeOf(point.request());
    history.continueAs(shown.upTo(step));
    return Optional.empty();
  }

  /**
   * The sliders keep their settings, but a run continued from a checkpoint keeps the shape of its
   * network (model, feature size, seed, center start, known digits): a run of another shape opened
   * from a file gives the sliders its shape, without starting again.
   */
  private void takeShapeOf(Trainer.BranchRequest request) {
    Hyperparameters now = hyperparameters.get();
    Hyperparameters shaped = now.withStructureOf(request.settingsAtBranch());
    if (!shaped.equals(now)) {
      hyperparameters.set(shaped);
      trainer.setHyperparameters(shaped);
    }
  }

  /**
   * A lesson step's recording (issue 27) becomes the live run up to a step: its steps are shown at
   * once, and the trainer goes on from the recording's checkpoint there, as "Continue from here"
   * goes on from a saved run; the live run before is not kept (the lesson replaces it, as a reset
   * would).
   *
   * @return why it cannot, or empty when the trainer was asked
   */
  public Optional<Message> adopt(RunRecord recording, long step) {
    if (trainer == null || !canReset.get() || state.get() == State.LOADING) {
      return Optional.of(Message.of("runs.notReady"));
    }
    BranchPoint point = branchPointIn(recording, step);
    if (point.problem() != null) {
      return Optional.of(point.problem());
    }
    trainer.branch(point.request());
    takeShapeOf(point.request());
    history.continueAs(recording.upTo(step));
    return Optional.empty();
  }

  /** The data set the trainer trains on, by fingerprint; null before its first run started. */
  public String dataFingerprint() {
    return trainerFingerprint;
  }

  /** How to re-train a step of the run shown exactly: a request, or why it cannot be done. */
  public record BranchPoint(Trainer.BranchRequest request, Message problem) {}

  /**
   * The checkpoint at or before a step of the run shown and the settings of every step from it to
   * that step: what it takes to re-train the step exactly (continue from it, or compare siblings
   * from it).
   */
  public BranchPoint branchPointAt(long step) {
    return branchPointIn(history.record(), step);
  }

  private BranchPoint branchPointIn(RunRecord shown, long step) {
    if (shown == null || shown.origin() == null) {
      return new BranchPoint(null, Message.of("runs.noCheckpoint", step));
    }
    if (trainerFingerprint != null
        && !trainerFingerprint.equals(shown.origin().dataFingerprint())) {
      return new BranchPoint(null, Message.of("runs.otherData"));
    }
    var checkpoint = shown.checkpointAtOrBefore(step);
    if (checkpoint.isEmpty()) {
      return new BranchPoint(null, Message.of("runs.noCheckpoint", step));
    }
    List<Hyperparameters> replay = new ArrayList<>();
    for (var s : shown.steps()) {
      if (s.step() > checkpoint.get().step() && s.step() <= step) {
        replay.add(s.hyperparameters());
      }
    }
    return new BranchPoint(
        new Trainer.BranchRequest(checkpoint.get(), shown.origin().hyperparameters(), replay),
        null);
  }

  /** The data the trainer trains on, by fingerprint (known once its first run started). */
  private String trainerFingerprint;

  /** Kept runs: earlier continuations and runs opened from files. */
  public RunLibrary library() {
    return library;
  }

  /**
   * New settings for the next step. A new model size, seed, center start or set of known digits
   * needs a rebuild: then the run starts again from the seed.
   */
  public void setHyperparameters(Hyperparameters next) {
    Hyperparameters before = hyperparameters.get();
    hyperparameters.set(next.validated());
    if (trainer != null) {
      trainer.setHyperparameters(next);
      if (next.needsRebuildFrom(before)) {
        if (canReset.get()) {
          reset();
        } else {
          rebuildWhenReady = true;
        }
      }
    }
  }

  /** The step asked for by {@link #step()} has arrived and the trainer has paused. */
  private void announceSingleStep() {
    StepSnapshot newest = history.latestProperty().get();
    if (awaitingSingleStep && newest != null && !running.get()) {
      awaitingSingleStep = false;
      singleStepDone.set(newest);
    }
  }

  private void apply(TrainerStatus status) {
    state.set(status.state());
    statusMessage.set(status.message());
    status.device().ifPresent(deviceMessage::set);
    running.set(status.state() == State.RUNNING);
    canTrain.set(status.canTrain());
    canReset.set(status.canReset());
    if (rebuildWhenReady && status.canReset()) {
      rebuildWhenReady = false;
      reset();
    }
    if (trainer != null) {
      trainer.notice().ifPresent(notice::set);
    }
  }

  public ReadOnlyObjectProperty<Hyperparameters> hyperparametersProperty() {
    return hyperparameters.getReadOnlyProperty();
  }

  /** Batches per second; 0 trains as fast as possible. */
  public ObjectProperty<Double> stepsPerSecondProperty() {
    return stepsPerSecond;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusTextProperty() {
    return statusText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty deviceTextProperty() {
    return deviceText.getReadOnlyProperty();
  }

  /** What the trainer has to say once (e.g. the GPU fallback); null before it says anything. */
  public ReadOnlyObjectProperty<Message> noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  /** The language the window speaks, in which the trainer's messages are put into words. */
  public ObservableValue<Language> language() {
    return language;
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canTrainProperty() {
    return canTrain.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canResetProperty() {
    return canReset.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<StepSnapshot> singleStepDoneProperty() {
    return singleStepDone.getReadOnlyProperty();
  }

  public Path dataFolder() {
    return dataFolder;
  }
}
