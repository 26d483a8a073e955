package lab.centerloss.ui.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import lab.centerloss.plot.WorldBox;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Comparison;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.OneChange;
import lab.centerloss.train.ComparisonTrainer;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.TrainerStatus;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.ViewOptions;

/**
 * The comparison: 2 to 4 runs side by side, from the same seed and the same batches, differing in
 * the one setting a preset names (the figure Wen et al. 2016 make their point with, Fig. 3). One
 * Play and one timeline drive every pane; each pane is a {@link RunHistory} of its own with a
 * plane and a caption of live numbers. Its trainer is made the first time the comparison is
 * shown, and the live run pauses meanwhile: both would share the same two cores.
 */
public final class CompareViewModel {
    /** Makes the comparison's trainer for a data folder. */
    @FunctionalInterface
    public interface TrainerFactory {
        ComparisonTrainer create(Path dataFolder);
    }

    private final TrainerFactory factory;
    private final LiveTraining live;
    private final RunHistory liveHistory;
    private final ViewOptions options = new ViewOptions();
    private final List<ComparePane> panes = new ArrayList<>();
    private final ObjectProperty<ComparisonPreset> preset = new SimpleObjectProperty<>(ComparisonPreset.LAMBDA);
    /** For "copy this run and change one thing": the setting, and the value the copy takes. */
    private final ObjectProperty<OneChange.Setting> changedSetting = new SimpleObjectProperty<>(OneChange.Setting.LAMBDA);
    private final javafx.beans.property.StringProperty changedValue = new javafx.beans.property.SimpleStringProperty("");
    /** The preset and change (or null) of the plan being shown, for the panes' titles. */
    private ComparisonPreset planPreset = ComparisonPreset.LAMBDA;
    private OneChange planChange;
    private final BooleanProperty fromShownStep = new SimpleBooleanProperty(false);
    private final BooleanProperty sharedAxes = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(Messages.text("compare.noPlan"));
    private final ReadOnlyStringWrapper startText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canTrain = new ReadOnlyBooleanWrapper();
    private final ReadOnlyLongWrapper firstStep = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper lastStep = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper shownStep = new ReadOnlyLongWrapper();
    private final ComparisonInbox inbox = new ComparisonInbox();
    private ComparisonTrainer trainer;
    private Path trainerFolder;
    private Comparison.Plan plan;
    private int probeSize = 2000;

    public CompareViewModel(TrainerFactory factory, LiveTraining live, RunHistory liveHistory, ViewOptions windowOptions) {
        this.factory = factory;
        this.live = live;
        this.liveHistory = liveHistory;
        changedValue.set(offeredValue(changedSetting.get()));
        changedSetting.addListener((o, was, now) -> changedValue.set(offeredValue(now)));
        for (int i = 0; i < Comparison.Plan.MAX_RUNS; i++) {
            ComparePane pane = new ComparePane(options);
            pane.plane().setSharedExtent(() -> sharedAxes.get() ? sharedExtent() : null);
            pane.plane().setOnViewChosen(view -> {
                if (sharedAxes.get()) {
                    panes.forEach(other -> other.plane().showView(view));
                }
            });
            panes.add(pane);
        }
        windowOptions.comparingProperty().addListener((o, was, now) -> {
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
        if (plan == null) {
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
        }
        trainerFolder = live.dataFolder();
        trainer = factory.create(trainerFolder);
        trainer.addListener(inbox);
        trainer.launch();
        applyStatus(trainer.status());
        plan = null;
    }

    /**
     * Builds the runs of the chosen preset from the live run's settings (or, from the step shown,
     * from that step's settings, re-trained exactly to it so that the runs are its siblings).
     */
    public void apply() {
        if (trainer == null) {
            startTrainer();
        }
        notice.set("");
        Hyperparameters base = live.hyperparametersProperty().get();
        Optional<lab.centerloss.train.Trainer.BranchRequest> start = Optional.empty();
        if (fromShownStep.get()) {
            StepSnapshot shown = liveHistory.shownProperty().getValue();
            if (shown != null) {
                LiveTraining.BranchPoint point = live.branchPointAt(shown.step());
                if (point.problem() != null) {
                    notice.set(point.problem().render());
                } else {
                    start = Optional.of(point.request());
                    base = shown.hyperparameters();
                }
            }
        }
        List<Hyperparameters> runs = preset.get().runs(base);
        OneChange change = null;
        if (preset.get().needsChange()) {
            change = new OneChange(changedSetting.get(), java.util.Objects.requireNonNullElse(changedValue.get(), ""));
            Optional<lab.centerloss.text.Message> problem = change.problem(base);
            if (problem.isPresent()) {
                notice.set(problem.get().render()); // the comparison shown stays as it was
                return;
            }
            runs = change.runs(base);
        }
        planPreset = preset.get();
        planChange = change;
        Comparison.Plan next = new Comparison.Plan(runs, preset.get().trainAndTest(), start);
        plan = next;
        inbox.follow(trainer.setPlan(next));
        for (int i = 0; i < panes.size(); i++) {
            panes.get(i).startRun(i < next.panes() ? title(next.runs().get(next.trainAndTest() ? 0 : i), i) : null);
        }
        firstStep.set(next.firstStep());
        lastStep.set(next.firstStep());
        shownStep.set(next.firstStep());
        startText.set(start.isPresent() ? Messages.text("compare.siblings", next.firstStep())
                : Messages.text("compare.fromSeed"));
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
     * Trains every run to this step, then pauses there. Asked right after {@link #apply()}, it
     * waits behind the runs' building in the trainer's queue, so it needs no ready state.
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
        boolean following = true;
        for (ComparePane pane : panes) {
            pane.history().pull();
            following &= pane.history().cursorProperty().get() == null;
        }
        if (following) {
            shownStep.set(lastStep.get());
        }
        panes.forEach(ComparePane::describeShownStep);
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

    /** What a pane's run is, by the setting the plan shown changes. */
    private String title(Hyperparameters hp, int pane) {
        if (planChange != null) {
            OneChange.Setting setting = planChange.setting();
            return Messages.text(pane == 0 ? "compare.title.original" : "compare.title.copy", Messages.label(setting),
                    PaneCaptions.valueLabel(setting, setting.of(hp)));
        }
        return PaneCaptions.title(planPreset, hp, pane);
    }

    /**
     * The value first offered for a setting: the first of its choices that differs from the live
     * run's own, so that "Apply" at once compares something.
     */
    private String offeredValue(OneChange.Setting setting) {
        String own = setting.of(live.hyperparametersProperty().get());
        return setting.choices().stream().filter(v -> !v.equals(own)).findFirst().orElse(own);
    }

    private void applyStatus(TrainerStatus status) {
        statusText.set(status.message());
        running.set(status.state() == TrainerStatus.State.RUNNING);
        canTrain.set(status.canTrain() && plan != null);
    }

    /** Closes the trainer: the window is closing. */
    public void shutdown() {
        if (trainer != null) {
            trainer.close();
            trainer = null;
        }
    }

    public List<ComparePane> panes() { return panes; }
    public ViewOptions options() { return options; }
    public ObjectProperty<ComparisonPreset> presetProperty() { return preset; }
    public ObjectProperty<OneChange.Setting> changedSettingProperty() { return changedSetting; }
    public javafx.beans.property.StringProperty changedValueProperty() { return changedValue; }
    public BooleanProperty fromShownStepProperty() { return fromShownStep; }
    public BooleanProperty sharedAxesProperty() { return sharedAxes; }
    public ReadOnlyStringProperty statusTextProperty() { return statusText.getReadOnlyProperty(); }
    /** Where the runs start: the seed, or a step of the run shown. */
    public ReadOnlyStringProperty startTextProperty() { return startText.getReadOnlyProperty(); }
    /** A sentence to show once (why the runs could not start from the step shown), or empty. */
    public ReadOnlyStringProperty noticeProperty() { return notice.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canTrainProperty() { return canTrain.getReadOnlyProperty(); }
    public ReadOnlyLongProperty firstStepProperty() { return firstStep.getReadOnlyProperty(); }
    public ReadOnlyLongProperty lastStepProperty() { return lastStep.getReadOnlyProperty(); }
    public ReadOnlyLongProperty shownStepProperty() { return shownStep.getReadOnlyProperty(); }
    public Comparison.Plan plan() { return plan; }

    /** The language changed: every text this panel made is made again in it. */
    public void refreshTexts() {
        if (plan != null) {
            for (int i = 0; i < plan.panes(); i++) {
                panes.get(i).retitle(title(plan.runs().get(plan.trainAndTest() ? 0 : i), i));
            }
            startText.set(plan.start().isPresent() ? Messages.text("compare.siblings", plan.firstStep())
                    : Messages.text("compare.fromSeed"));
        }
        if (trainer != null) {
            applyStatus(trainer.status());
        }
    }
}
