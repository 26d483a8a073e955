package lab.centerloss.ui.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import lab.centerloss.plot.WorldBox;
import lab.centerloss.store.RunRecord;
import lab.centerloss.text.Message;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Comparison;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.OneChange;
import lab.centerloss.train.TrainerControls;
import lab.centerloss.train.TrainerStatus;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.ViewOptions;

/**
 * The comparison: 2 to 4 runs side by side, from the same seed and the same batches, differing in
 * the one setting a preset names (the figure Wen et al. 2016 make their point with, Fig. 3). One
 * Play and one timeline drive every pane; each pane is a {@link RunHistory} of its own with a plane
 * and a caption of live numbers. Its trainer is made the first time the comparison is shown, and
 * the live run pauses meanwhile: both would share the same two cores.
 */
public final class CompareViewModel {
  /** Makes the comparison's trainer for a data folder, launched. */
  @FunctionalInterface
  public interface TrainerFactory {
    TrainerControls create(Path dataFolder);
  }

  private final TrainerFactory factory;
  private final LiveTraining live;
  private final ViewOptions options = new ViewOptions();
  private final List<ComparePane> panes = new ArrayList<>();
  private final PlanChoice choice;

  /** The plan shown, with its panes' titles; null before the first. */
  private PlanChoice.Chosen chosen;

  /**
   * The recorded runs shown instead of a plan (a lesson's comparison, issue 27), with their preset;
   * null while the panes show the trainer's runs.
   */
  private ComparisonPreset recordedPreset;

  private List<Hyperparameters> recordedRuns = List.of();

  private final BooleanProperty sharedAxes = new SimpleBooleanProperty(true);
  private final BooleanProperty verificationCaptions = new SimpleBooleanProperty(false);
  private final ObjectProperty<Message> statusMessage =
      new SimpleObjectProperty<>(Message.of("compare.noPlan"));
  private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper startText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canTrain = new ReadOnlyBooleanWrapper();
  private final ReadOnlyLongWrapper firstStep = new ReadOnlyLongWrapper();
  private final ReadOnlyLongWrapper lastStep = new ReadOnlyLongWrapper();
  private final ReadOnlyLongWrapper shownStep = new ReadOnlyLongWrapper();
  private final ComparisonInbox inbox = new ComparisonInbox();
  private TrainerStatus lastStatus;
  private TrainerControls trainer;
  private Path trainerFolder;
  private Comparison.Plan plan;

  public CompareViewModel(
      TrainerFactory factory,
      LiveTraining live,
      RunHistory liveHistory,
      ViewOptions windowOptions) {
    this.factory = factory;
    this.live = live;
    choice = new PlanChoice(live, liveHistory);
    statusText.bind(
        Bindings.createStringBinding(
            () -> statusMessage.get().render(), statusMessage, live.language()));
    for (int i = 0; i < Comparison.Plan.MAX_RUNS; i++) {
      ComparePane pane = new ComparePane(options);
      pane.plane().setSharedExtent(() -> sharedAxes.get() ? sharedExtent() : null);
      pane.plane()
          .setInset(
              (now, scene, width, height, style) ->
                  pane.insetAt(now, scene, width, height, style, sharedAxes.get()));
      pane.plane()
          .setOnViewChosen(
              view -> {
                if (sharedAxes.get()) {
                  panes.forEach(other -> other.plane().showView(view));
                }
              });
      panes.add(pane);
    }
    windowOptions
        .comparingProperty()
        .addListener(
            (o, was, now) -> {
              if (now) {
                enter();
              } else {
                leave();
              }
            });
    options.showTrainProperty().set(false);
  }

  /** The comparison is shown: the live run pauses; the first time, the runs are built. */
  public void enter() {
    live.pause();
    if (trainer == null || !live.dataFolder().equals(trainerFolder)) {
      startTrainer();
    }
    if (plan == null && recordedPreset == null) {
      apply();
    }
  }

  /** Back to one run: the comparison pauses where it is. */
  public void leave() {
    pause();
  }

  private void startTrainer() {
    if (trainer != null) {
      trainer.close();
      // another data folder: recorded runs shown are of the data before, the new trainer builds
      // its own
      recordedPreset = null;
      recordedRuns = List.of();
    }
    trainerFolder = live.dataFolder();
    trainer = factory.create(trainerFolder);
    trainer.addListener(inbox);
    applyStatus(trainer.status());
    plan = null;
  }

  /**
   * Builds the runs the teacher chose ({@link PlanChoice}); a refused choice leaves the comparison
   * shown as it was.
   */
  public void apply() {
    if (trainer == null) {
      startTrainer();
    }
    PlanChoice.Chosen next = choice.choose();
    notice.set(next.notice());
    if (next.plan() == null) {
      return; // refused: the comparison shown stays as it was
    }
    chosen = next;
    recordedPreset = null;
    plan = next.plan();
    inbox.follow(trainer.setPlan(plan));
    updateCanTrain(); // not until the runs of this plan are built
    for (int i = 0; i < panes.size(); i++) {
      panes.get(i).startRun(i < plan.panes() ? next.title(i) : null);
    }
    firstStep.set(plan.firstStep());
    lastStep.set(plan.firstStep());
    shownStep.set(plan.firstStep());
    startText.set(next.startText());
  }

  /**
   * Shows recorded runs, one per pane, at their last step (a lesson's comparison, issue 27): the
   * trainer builds and trains nothing, and Play and Step wait for a plan of live runs (Start, or
   * the lesson's Train it live), which replaces them.
   */
  public void showRecorded(ComparisonPreset preset, List<RunRecord> runs) {
    if (runs.isEmpty() || runs.size() > panes.size()) {
      throw new IllegalArgumentException("1 to " + panes.size() + " runs, not " + runs.size());
    }
    choice.presetProperty().set(preset);
    choice.fromShownStepProperty().set(false);
    if (trainer != null) {
      trainer.pause();
    }
    inbox.follow(
        ComparisonInbox.NO_PLAN); // what the trainer still sends of a plan before is not shown
    plan = null;
    chosen = null;
    recordedPreset = preset;
    recordedRuns = runs.stream().map(run -> run.origin().hyperparameters()).toList();
    long last = 0;
    for (int i = 0; i < panes.size(); i++) {
      ComparePane pane = panes.get(i);
      pane.startRun(i < runs.size() ? PaneCaptions.title(preset, recordedRuns.get(i), i) : null);
      if (i < runs.size()) {
        pane.history().show(runs.get(i));
        last = Math.max(last, runs.get(i).lastStep()); // a run that diverged stops earlier
      }
    }
    notice.set("");
    updateCanTrain();
    firstStep.set(0);
    lastStep.set(last);
    shownStep.set(last);
    statusMessage.set(Message.of("compare.recorded"));
    startText.set(Messages.text("compare.fromSeed"));
  }

  /** Whether the panes show recorded runs rather than the trainer's. */
  public boolean showsRecorded() {
    return recordedPreset != null;
  }

  public void togglePlay() {
    if (running.get()) {
      pause();
    } else {
      play();
    }
  }

  public void play() {
    if (trainer != null && canTrain.get()) {
      goLive();
      trainer.play();
    }
  }

  /**
   * Trains every run to this step, then pauses there. Asked right after {@link #apply()}, it waits
   * behind the runs' building in the trainer's queue, so it needs no ready state.
   */
  public void playUntil(long step) {
    if (trainer != null) {
      goLive();
      trainer.playUntil(step);
    }
  }

  public void pause() {
    if (trainer != null) {
      trainer.pause();
    }
  }

  public void step() {
    if (trainer != null && canTrain.get()) {
      goLive();
      trainer.step();
    }
  }

  /** Every pane shows the same step. */
  public void showStep(long step) {
    long clamped = Math.max(firstStep.get(), Math.min(lastStep.get(), step));
    for (ComparePane pane : panes) {
      if (pane.history().size() > 0) {
        pane.history().showStep(clamped);
      }
    }
    shownStep.set(clamped);
  }

  /** Every pane follows its run's end again. */
  public void goLive() {
    panes.forEach(pane -> pane.history().goLive());
    shownStep.set(lastStep.get());
  }

  /** Once a frame: takes the trainer's new steps into every pane, then updates the captions. */
  public void onFrame() {
    lastStep.set(Math.max(lastStep.get(), inbox.drainInto(panes, this::applyStatus)));
    updateCanTrain(); // the origins may have come without a status after them
    boolean following = true;
    for (ComparePane pane : panes) {
      pane.history().pull();
      following &= pane.history().cursorProperty().get() == null;
    }
    if (following) {
      shownStep.set(lastStep.get());
    }
    panes.forEach(pane -> pane.describeShownStep(verificationCaptions.get()));
  }

  /** The extent that holds every visible pane's points: the shared axes. */
  WorldBox sharedExtent() {
    WorldBox union = null;
    for (ComparePane pane : panes) {
      if (pane.visibleProperty().get()) {
        WorldBox box = pane.plane().dataBox();
        union = union == null ? box : union.union(box);
      }
    }
    return union;
  }

  private void applyStatus(TrainerStatus status) {
    lastStatus = status;
    if (recordedPreset == null) {
      statusMessage.set(status.message()); // over recorded runs, the line says they are recorded
    }
    running.set(status.state() == TrainerStatus.State.RUNNING);
    updateCanTrain();
  }

  /**
   * Play and Step once the plan shown is built: the trainer says "paused" before it takes a new
   * plan up too, and a Step then would be lost with the button disabled a frame later.
   */
  private void updateCanTrain() {
    canTrain.set(lastStatus != null && lastStatus.canTrain() && plan != null && inbox.planBuilt());
  }

  /** Closes the trainer: the window is closing. */
  public void shutdown() {
    if (trainer != null) {
      trainer.close();
      trainer = null;
    }
  }

  public List<ComparePane> panes() {
    return panes;
  }

  public ViewOptions options() {
    return options;
  }

  public ObjectProperty<ComparisonPreset> presetProperty() {
    return choice.presetProperty();
  }

  public ObjectProperty<OneChange.Setting> changedSettingProperty() {
    return choice.changedSettingProperty();
  }

  public StringProperty changedValueProperty() {
    return choice.changedValueProperty();
  }

  public BooleanProperty fromShownStepProperty() {
    return choice.fromShownStepProperty();
  }

  /**
   * Whether the captions give each pane's TAR at FAR 1% (verification by cosine) instead of its
   * spread figures.
   */
  public BooleanProperty verificationCaptionsProperty() {
    return verificationCaptions;
  }

  public BooleanProperty sharedAxesProperty() {
    return sharedAxes;
  }

  public ReadOnlyStringProperty statusTextProperty() {
    return statusText.getReadOnlyProperty();
  }

  /** Where the runs start: the seed, or a step of the run shown. */
  public ReadOnlyStringProperty startTextProperty() {
    return startText.getReadOnlyProperty();
  }

  /** A sentence to show once (why the runs could not start from the step shown), or empty. */
  public ReadOnlyStringProperty noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canTrainProperty() {
    return canTrain.getReadOnlyProperty();
  }

  public ReadOnlyLongProperty firstStepProperty() {
    return firstStep.getReadOnlyProperty();
  }

  public ReadOnlyLongProperty lastStepProperty() {
    return lastStep.getReadOnlyProperty();
  }

  public ReadOnlyLongProperty shownStepProperty() {
    return shownStep.getReadOnlyProperty();
  }

  public Comparison.Plan plan() {
    return plan;
  }

  /**
   * The language changed: every text this panel made is made again in it (the trainer's status
   * follows the language by itself).
   */
  public void refreshTexts() {
    if (recordedPreset != null) {
      for (int i = 0; i < recordedRuns.size(); i++) {
        panes.get(i).retitle(PaneCaptions.title(recordedPreset, recordedRuns.get(i), i));
      }
      startText.set(Messages.text("compare.fromSeed"));
    } else if (chosen != null) {
      for (int i = 0; i < plan.panes(); i++) {
        panes.get(i).retitle(chosen.title(i));
      }
      startText.set(chosen.startText());
    }
  }
}
