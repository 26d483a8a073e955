package lab.centerloss.ui;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;
import lab.centerloss.plot.AngleScene;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.plot.PlaneScenes;
import lab.centerloss.plot.ViewWindow;
import lab.centerloss.train.CenterRule;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ModelSize;
import lab.centerloss.train.OptimizerKind;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.TrainerControls;
import lab.centerloss.train.TrainerListener;
import lab.centerloss.train.TrainerStatus;
import lab.centerloss.train.TrainerStatus.State;
import lab.centerloss.train.Vec2List;

/**
 * The main window's state and commands, without a control in sight: sliders bind to the
 * properties here, buttons call the commands, and every change of a hyperparameter hands the
 * trainer a new record. Runs on the JavaFX thread.
 */
public final class MainViewModel {
    /** Makes the trainer for a data folder; a new one replaces the old when the folder changes. */
    @FunctionalInterface
    public interface TrainerFactory {
        TrainerControls create(Path dataFolder, Hyperparameters initial);
    }

    public static final SliderScale LAMBDA_SCALE = SliderScale.logWithZero(1e-4, 1, 0.04);
    public static final SliderScale LEARNING_RATE_SCALE = SliderScale.log(1e-4, 0.1);
    public static final double MAX_MARGIN = 0.8;
    public static final List<Integer> BATCH_SIZES = List.of(32, 64, 128, 256);
    /** Batches per second; 0 is as fast as the machine goes. */
    public static final List<Double> SPEEDS = List.of(0.0, 20.0, 10.0, 5.0, 2.0, 1.0, 0.5);
    private static final int CHART_POINTS = 300;

    private final TrainerFactory trainerFactory;
    private TrainerControls trainer;
    private Path dataFolder;

    // Hyperparameters, as the controls show them.
    private final ObjectProperty<HeadKind> head = new SimpleObjectProperty<>();
    private final BooleanProperty centerLoss = new SimpleBooleanProperty();
    private final DoubleProperty lambdaPosition = new SimpleDoubleProperty();
    private final DoubleProperty alpha = new SimpleDoubleProperty();
    private final ObjectProperty<CenterRule> centerRule = new SimpleObjectProperty<>();
    private final DoubleProperty learningRatePosition = new SimpleDoubleProperty();
    private final DoubleProperty margin = new SimpleDoubleProperty();
    private final DoubleProperty scale = new SimpleDoubleProperty();
    private final ObjectProperty<OptimizerKind> optimizer = new SimpleObjectProperty<>();
    private final ObjectProperty<ModelSize> model = new SimpleObjectProperty<>();
    private final ObjectProperty<Integer> batchSize = new SimpleObjectProperty<>();
    private final StringProperty seedText = new SimpleStringProperty();
    private final ObjectProperty<Double> speed = new SimpleObjectProperty<>(0.0);
    private final ReadOnlyObjectWrapper<Hyperparameters> hyperparameters = new ReadOnlyObjectWrapper<>();

    // What to show.
    private final BooleanProperty showTest = new SimpleBooleanProperty(true);
    private final BooleanProperty showTrain = new SimpleBooleanProperty(true);
    private final BooleanProperty showTrails = new SimpleBooleanProperty(false);
    private final BooleanProperty showLegend = new SimpleBooleanProperty(true);
    private final BooleanProperty followData = new SimpleBooleanProperty(true);
    private final BooleanProperty presentation = new SimpleBooleanProperty(false);

    // Derived texts.
    private final ReadOnlyStringWrapper lambdaText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper alphaText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper learningRateText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper marginText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper scaleText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper seedProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper marginApplies = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper normalizedHead = new ReadOnlyBooleanWrapper();

    // The trainer's state.
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("Loading libtorch and the data set…");
    private final ReadOnlyStringWrapper deviceText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("step 0");
    private final ReadOnlyStringWrapper rateText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final StringProperty exportFolder = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canTrain = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canReset = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper diverged = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper dataProblem = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper restartOffered = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper problemText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper probeAccuracy = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyObjectWrapper<StepSnapshot> latest = new ReadOnlyObjectWrapper<>();

    private final BoundedSeries softmaxLoss = new BoundedSeries(CHART_POINTS);
    private final BoundedSeries weightedCenterLoss = new BoundedSeries(CHART_POINTS);
    private final BoundedSeries accuracy = new BoundedSeries(CHART_POINTS);
    private final PlaneAnimator animator = new PlaneAnimator();
    private final Deque<long[]> recentSteps = new ArrayDeque<>();
    private final ReadOnlyObjectWrapper<Integer> selectedClass = new ReadOnlyObjectWrapper<>(-1);
    private final StepThroughViewModel stepThrough = new StepThroughViewModel(selectedClass);
    private final ExportViewModel export = new ExportViewModel();
    private long lastProbeStep = -1;
    private long chartsPublishedAt;
    /** Charts take new points four times a second; see {@link BoundedSeries}. */
    private static final long CHART_INTERVAL_NANOS = 250_000_000L;
    private boolean updatingControls;
    private boolean stepThroughOnNextSnapshot;

    public MainViewModel(TrainerFactory trainerFactory, Path dataFolder, Hyperparameters initial) {
        this.trainerFactory = trainerFactory;
        this.dataFolder = dataFolder;
        showControlsFor(initial.validated());
        hyperparameters.set(initial);
        lambdaText.bind(textOf(() -> centerLoss.get() ? formatNumber(lambda()) : "off", lambdaPosition, centerLoss));
        alphaText.bind(textOf(() -> String.format("%.2f", alpha.get()), alpha));
        learningRateText.bind(textOf(() -> formatNumber(learningRate()), learningRatePosition));
        marginText.bind(textOf(() -> head.get() == HeadKind.COSFACE ? String.format("%.2f", margin.get())
                : String.format("%.2f rad (%.1f°)", margin.get(), Math.toDegrees(margin.get())), margin, head));
        scaleText.bind(textOf(() -> String.format("%.0f", scale.get()), scale));
        marginApplies.bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> head.get() != null && head.get().usesMargin(), head));
        normalizedHead.bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> head.get() != null && head.get().isNormalized(), head));
        head.addListener((o, was, now) -> onHeadChanged(was, now));
        for (ObservableValue<?> control : List.of(centerLoss, lambdaPosition, alpha, centerRule, learningRatePosition,
                margin, scale, optimizer, batchSize)) {
            control.addListener((o, was, now) -> pushHyperparameters(false));
        }
        model.addListener((o, was, now) -> pushHyperparameters(true));
        seedText.addListener((o, was, now) -> pushHyperparameters(false));
        speed.addListener((o, was, now) -> {
            if (trainer != null) {
                trainer.setStepsPerSecond(now == null ? 0 : now);
            }
        });
        followData.addListener((o, was, now) -> animator.setFollowing(now));
    }

    /** Creates the trainer, which loads libtorch and the data in the background. */
    public void start() {
        trainer = trainerFactory.create(dataFolder, hyperparameters.get());
        trainer.setStepsPerSecond(speed.get() == null ? 0 : speed.get());
        trainer.addListener(stepThrough.listener);
        trainer.addListener(export.listener);
        TrainerControls current = trainer;
        trainer.addListener(new TrainerListener() {
            @Override
            public void onStatus(TrainerStatus status) {
                // A closed trainer's last word ("Stopped.") can arrive after its successor's first.
                FxThread.run(() -> {
                    if (trainer == current) {
                        applyStatus(status);
                    }
                });
            }
        });
        applyStatus(trainer.status());
    }

    /** Another data folder: the current trainer is closed and a new one loads from there. */
    public void useDataFolder(Path folder) {
        closeTrainer();
        dataFolder = folder;
        clearDisplays();
        // a new trainer counts from step 1 again: the old run's steps must not mix into its exports
        stepThrough.clear();
        export.clearSteps();
        start();
    }

    /**
     * After libtorch failed (its thread has ended): a new trainer, which loads libtorch and the
     * data again and starts from the current settings.
     */
    public void restartTrainer() {
        if (state.get() == State.FAILED) {
            useDataFolder(dataFolder);
        }
    }

    /** Stops the trainer and the export worker: the window is closing. */
    public void shutdown() {
        export.shutdown();
        closeTrainer();
    }

    private void closeTrainer() {
        if (trainer != null) {
            trainer.close();
            trainer = null;
        }
    }

    // Commands -------------------------------------------------------------------------------

    public void togglePlay() {
        if (running.get()) {
            pause();
        } else {
            play();
        }
    }

    public void play() {
        if (canTrain.get()) {
            stepThrough.leave();
            trainer.play();
        }
    }

    public void pause() {
        if (trainer != null) {
            trainer.pause();
        }
    }

    /** One batch, then pause, and walk through its center update. */
    public void step() {
        if (canTrain.get()) {
            stepThroughOnNextSnapshot = true;
            trainer.step();
        }
    }

    /** The next phase of the update shown, or, after the last phase (or when live), the next batch. */
    public void advance() {
        if (!(stepThrough.activeProperty().get() && stepThrough.nextPhase())) {
            step();
        }
    }

    /** The previous phase of the update shown, or the previous kept step. */
    public void goBack() {
        if (stepThrough.activeProperty().get()) {
            stepThrough.previousPhase();
        }
    }

    /** Start again from the seed. */
    public void reset() {
        if (trainer != null && canReset.get()) {
            trainer.reset();
            clearDisplays();
            stepThrough.clear();
            export.clearSteps();
        }
    }

    /** A fresh random seed, then reset. */
    public void newSeed() {
        seedText.set(Long.toString(new Random().nextInt(1_000_000)));
        reset();
    }

    /** A sentence for the notice line (e.g. settings that could not be read). */
    public void showNotice(String text) {
        notice.set(text);
    }

    public void selectClass(int digit) {
        selectedClass.set(digit >= 0 && digit < 10 && digit != selectedClass.get() ? digit : -1);
    }

    /** Zoom by a factor around a screen point; the view stops following the data. */
    public void zoom(double factor, double x, double y, double width, double height) {
        animator.setView(animator.view(width, height).zoomAt(factor, x, y, width, height));
        followData.set(false);
    }

    public void pan(double dx, double dy, double width, double height) {
        animator.setView(animator.view(width, height).panByPixels(dx, dy));
        followData.set(false);
    }

    // Per frame ------------------------------------------------------------------------------

    /** Takes in the trainer's latest snapshot, if it is new. Called by the view's animation timer. */
    public void onFrame(long now) {
        if (trainer == null) {
            return;
        }
        export.onFrame();
        Optional<StepSnapshot> next = trainer.latest();
        StepSnapshot current = latest.get();
        if (next.isEmpty() || next.get() == current) {
            return;
        }
        StepSnapshot s = next.get();
        if (current != null && s.step() < current.step()) {
            clearDisplays();
        }
        latest.set(s);
        animator.accept(s, now);
        softmaxLoss.add(s.step(), s.lossSoftmax());
        weightedCenterLoss.add(s.step(), s.hyperparameters().lambda() * s.lossCenter());
        s.probe().ifPresent(p -> {
            if (p.step() != lastProbeStep) {
                lastProbeStep = p.step();
                probeAccuracy.set(p.accuracy());
                accuracy.add(p.step(), 100 * p.accuracy());
            }
        });
        recentSteps.addLast(new long[] {now, s.step()});
        while (recentSteps.size() > 2 && now - recentSteps.peekFirst()[0] > 2_000_000_000L) {
            recentSteps.removeFirst();
        }
        if (now - chartsPublishedAt >= CHART_INTERVAL_NANOS || !running.get()) {
            publishCharts();
            chartsPublishedAt = now;
        }
        if (stepThroughOnNextSnapshot && !running.get()) {
            stepThroughOnNextSnapshot = false;
            stepThrough.showNewest();
        }
        progressText.set(String.format("step %d · epoch %d · probe accuracy %s", s.step(), s.epoch(),
                Double.isNaN(probeAccuracy.get()) ? "–" : String.format("%.1f%%", 100 * probeAccuracy.get())));
        updateRate(now);
    }

    public PlaneScene planeScene(long now, double width, double height) {
        StepSnapshot s = latest.get();
        String caption = s == null ? "" : PlaneScenes.caption(s);
        PlaneScene live = animator.sceneAt(now, width, height, new PlaneAnimator.SceneOptions(showTest.get(),
                showTrain.get(), showTrails.get(), showLegend.get(), selectedClass.get(), caption));
        return stepThrough.activeProperty().get() ? stepThrough.scene(live).orElse(live) : live;
    }

    /** The unit-circle view of the current snapshot, for the normalized heads. */
    public Optional<AngleScene> angleScene() {
        StepSnapshot s = stepThrough.activeProperty().get() && stepThrough.shownProperty().get() != null
                ? stepThrough.shownProperty().get() : latest.get();
        if (s == null || !s.hyperparameters().head().isNormalized()) {
            return Optional.empty();
        }
        Vec2List none = Vec2List.copyOf(new float[0]);
        IntVector noLabels = IntVector.copyOf(new int[0]);
        var probe = s.probe();
        return Optional.of(new AngleScene(
                showTest.get() && probe.isPresent() ? probe.get().features() : none,
                showTest.get() && probe.isPresent() ? probe.get().labels() : noLabels,
                showTrain.get() ? s.batchFeatures() : none, showTrain.get() ? s.batchLabels() : noLabels,
                s.headWeights(), s.hyperparameters().head(), s.marginInForce(), selectedClass.get()));
    }

    public ViewWindow currentView(double width, double height) {
        return animator.view(width, height);
    }

    // Internals ------------------------------------------------------------------------------

    private void onHeadChanged(HeadKind was, HeadKind now) {
        if (updatingControls || now == null || was == null) {
            return;
        }
        Hyperparameters recommended = Hyperparameters.recommendedFor(now);
        if (now.usesMargin()) {
            // ArcFace's m is an angle, CosFace's a cosine: 0.5 suits the one and cannot be met by the other.
            updatingControls = true;
            margin.set(recommended.margin());
            updatingControls = false;
        }
        if (now.isNormalized() != was.isNormalized()) {
            // The normalized heads did not learn with SGD on a 2-D feature in our reference runs.
            updatingControls = true;
            optimizer.set(recommended.optimizer());
            learningRatePosition.set(LEARNING_RATE_SCALE.toPosition(recommended.learningRate()));
            updatingControls = false;
            notice.set(now.isNormalized()
                    ? "Switched to Adam, learning rate 0.001: normalized heads barely learn with SGD on a 2-D feature."
                    : "Switched to SGD, learning rate 0.01: the settings softmax learns well with.");
        }
        pushHyperparameters(false);
    }

    private void pushHyperparameters(boolean resetNeeded) {
        if (updatingControls) {
            return;
        }
        Optional<Long> seed = parseSeed();
        if (seed.isEmpty()) {
            return;
        }
        Hyperparameters hp = hyperparameters.get()
                .withHead(head.get())
                .withLambda(centerLoss.get() ? lambda() : 0)
                .withAlpha(alpha.get())
                .withCenterRule(centerRule.get())
                .withOptimizer(optimizer.get())
                .withLearningRate(learningRate())
                .withMargin(margin.get())
                .withScale(scale.get())
                .withModel(model.get())
                .withBatchSize(batchSize.get())
                .withSeed(seed.get());
        if (!hp.problems().isEmpty()) {
            notice.set(hp.problems().get(0));
            return;
        }
        hyperparameters.set(hp);
        if (trainer != null) {
            trainer.setHyperparameters(hp);
            if (resetNeeded) {
                reset();
            }
        }
    }

    private Optional<Long> parseSeed() {
        try {
            long seed = Long.parseLong(seedText.get().trim());
            seedProblem.set("");
            return Optional.of(seed);
        } catch (NumberFormatException e) {
            seedProblem.set("The seed must be a whole number.");
            return Optional.empty();
        }
    }

    private void showControlsFor(Hyperparameters hp) {
        updatingControls = true;
        head.set(hp.head());
        centerLoss.set(hp.lambda() > 0);
        lambdaPosition.set(LAMBDA_SCALE.toPosition(hp.lambda() > 0 ? hp.lambda() : 0.1));
        alpha.set(hp.alpha());
        centerRule.set(hp.centerRule());
        learningRatePosition.set(LEARNING_RATE_SCALE.toPosition(hp.learningRate()));
        margin.set(Math.min(MAX_MARGIN, hp.margin()));
        scale.set(hp.scale());
        optimizer.set(hp.optimizer());
        model.set(hp.model());
        batchSize.set(hp.batchSize());
        seedText.set(Long.toString(hp.seed()));
        updatingControls = false;
    }

    private void applyStatus(TrainerStatus status) {
        state.set(status.state());
        statusText.set(status.message());
        if (!status.device().isEmpty()) {
            deviceText.set(status.device());
        }
        running.set(status.state() == State.RUNNING);
        canTrain.set(status.canTrain());
        canReset.set(status.canReset());
        diverged.set(status.state() == State.DIVERGED);
        dataProblem.set(status.state() == State.NO_DATA);
        restartOffered.set(status.state() == State.FAILED);
        problemText.set(dataProblem.get() || restartOffered.get() || diverged.get() ? status.message() : "");
        if (!running.get()) {
            rateText.set("");
        }
    }

    private void publishCharts() {
        softmaxLoss.publish();
        weightedCenterLoss.publish();
        accuracy.publish();
    }

    private void updateRate(long now) {
        if (recentSteps.size() < 2 || !running.get()) {
            return;
        }
        long[] first = recentSteps.peekFirst();
        long[] last = recentSteps.peekLast();
        double seconds = (last[0] - first[0]) / 1e9;
        if (seconds > 0.2) {
            rateText.set(String.format("%.1f batches/s", (last[1] - first[1]) / seconds));
        }
    }

    private void clearDisplays() {
        latest.set(null);
        animator.clear();
        softmaxLoss.clear();
        weightedCenterLoss.clear();
        accuracy.clear();
        recentSteps.clear();
        lastProbeStep = -1;
        probeAccuracy.set(Double.NaN);
        progressText.set("step 0");
    }

    /** 0.1, 0.003, 1.0e-4: short, and without float noise. */
    static String formatNumber(double value) {
        return PlaneScenes.shortNumber(value);
    }

    private static javafx.beans.binding.StringBinding textOf(java.util.concurrent.Callable<String> text,
            javafx.beans.Observable... dependencies) {
        return javafx.beans.binding.Bindings.createStringBinding(text, dependencies);
    }

    private double lambda() {
        return LAMBDA_SCALE.toValue(lambdaPosition.get());
    }

    private double learningRate() {
        return LEARNING_RATE_SCALE.toValue(learningRatePosition.get());
    }

    // Properties -----------------------------------------------------------------------------

    public ObjectProperty<HeadKind> headProperty() { return head; }
    public BooleanProperty centerLossProperty() { return centerLoss; }
    public DoubleProperty lambdaPositionProperty() { return lambdaPosition; }
    public DoubleProperty alphaProperty() { return alpha; }
    public ObjectProperty<CenterRule> centerRuleProperty() { return centerRule; }
    public DoubleProperty learningRatePositionProperty() { return learningRatePosition; }
    public DoubleProperty marginProperty() { return margin; }
    public DoubleProperty scaleProperty() { return scale; }
    public ObjectProperty<OptimizerKind> optimizerProperty() { return optimizer; }
    public ObjectProperty<ModelSize> modelProperty() { return model; }
    public ObjectProperty<Integer> batchSizeProperty() { return batchSize; }
    public StringProperty seedTextProperty() { return seedText; }
    public ObjectProperty<Double> speedProperty() { return speed; }
    /** Where the last export went; the file choosers start there. */
    public StringProperty exportFolderProperty() { return exportFolder; }
    public BooleanProperty showTestProperty() { return showTest; }
    public BooleanProperty showTrainProperty() { return showTrain; }
    public BooleanProperty showTrailsProperty() { return showTrails; }
    public BooleanProperty showLegendProperty() { return showLegend; }
    public BooleanProperty followDataProperty() { return followData; }
    public BooleanProperty presentationProperty() { return presentation; }
    public ReadOnlyObjectProperty<Hyperparameters> hyperparametersProperty() { return hyperparameters.getReadOnlyProperty(); }
    public ReadOnlyStringProperty lambdaTextProperty() { return lambdaText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty alphaTextProperty() { return alphaText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty learningRateTextProperty() { return learningRateText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty marginTextProperty() { return marginText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty scaleTextProperty() { return scaleText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty seedProblemProperty() { return seedProblem.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty marginAppliesProperty() { return marginApplies.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty normalizedHeadProperty() { return normalizedHead.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<State> stateProperty() { return state.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusTextProperty() { return statusText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty deviceTextProperty() { return deviceText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty rateTextProperty() { return rateText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty noticeProperty() { return notice.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canTrainProperty() { return canTrain.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canResetProperty() { return canReset.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty divergedProperty() { return diverged.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty dataProblemProperty() { return dataProblem.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty restartOfferedProperty() { return restartOffered.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemTextProperty() { return problemText.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty probeAccuracyProperty() { return probeAccuracy.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<StepSnapshot> latestProperty() { return latest.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Integer> selectedClassProperty() { return selectedClass.getReadOnlyProperty(); }
    public StepThroughViewModel stepThrough() { return stepThrough; }
    public ExportViewModel export() { return export; }
    public ObservableList<XYChart.Data<Number, Number>> softmaxLossPoints() { return softmaxLoss.points(); }
    public ObservableList<XYChart.Data<Number, Number>> weightedCenterLossPoints() { return weightedCenterLoss.points(); }
    public ObservableList<XYChart.Data<Number, Number>> accuracyPoints() { return accuracy.points(); }
}
