package lab.centerloss.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import lab.centerloss.plot.OwnScaleInset;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.plot.PlaneStyle;
import lab.centerloss.plot.WorldBox;
import lab.centerloss.testing.BlankRuns;
import lab.centerloss.testing.FakeTrainer;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.testing.TestData;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.FeatureStatistics;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.OneChange;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Trainer;
import lab.centerloss.train.Vec2List;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.ProbedState;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.ViewOptions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The comparison without a window, with a real comparison trainer: one Play, one timeline, every
 * pane.
 */
class CompareViewModelTest {
  private final RunHistory liveHistory = new RunHistory();
  private final ViewOptions windowOptions = new ViewOptions();
  private final FakeTrainer liveTrainer = new FakeTrainer();
  private CompareViewModel compare;

  private CompareViewModel newComparison(Hyperparameters live) {
    LiveTraining training =
        new LiveTraining(
            (f, hp) -> liveTrainer,
            Path.of("."),
            live,
            liveHistory,
            windowOptions.languageProperty());
    training.start();
    compare =
        new CompareViewModel(
            folder ->
                Trainer.forComparison(
                        TestData::mnist, new Trainer.Settings(DeviceChoice.CPU, 0, 200))
                    .launch(),
            training,
            liveHistory,
            windowOptions);
    return compare;
  }

  @AfterEach
  void close() {
    if (compare != null) {
      compare.shutdown();
    }
  }

  /** Takes the trainer's news in, as the window's frames do, until the condition holds. */
  private void frameUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      compare.onFrame();
      if (condition.getAsBoolean()) {
        return;
      }
      LockSupport.parkNanos(5_000_000L);
    }
    throw new AssertionError("condition not met within 90 s");
  }

  private long shownStep(int pane) {
    StepSnapshot shown = compare.panes().get(pane).history().shownProperty().getValue();
    return shown == null ? 0 : shown.step();
  }

  @Test
  @DisplayName(
      "showing the comparison pauses the live run and builds the lambda preset; Step and the timeline move every pane")
  void oneTransportForEveryPane() {
    newComparison(Hyperparameters.defaults().withBatchSize(32));
    windowOptions.comparingProperty().set(true);
    assertThat(liveTrainer.count("pause")).as("the live run pauses").isPositive();
    frameUntil(
        () ->
            compare.canTrainProperty().get()
                && compare.panes().stream()
                    .allMatch(p -> p.history().originProperty().get() != null));
    assertThat(compare.panes())
        .extracting(p -> p.visibleProperty().get())
        .containsExactly(true, true, true, true);
    assertThat(compare.panes())
        .extracting(p -> p.titleProperty().get())
        .containsExactly("λ = 0", "λ = 0.01", "λ = 0.1", "λ = 1");
    assertThat(compare.startTextProperty().get()).isEqualTo("All from the seed, step 0");

    for (int i = 0; i < 3; i++) {
      long before = compare.lastStepProperty().get();
      compare.step();
      frameUntil(
          () ->
              compare.lastStepProperty().get() == before + 1
                  && compare.panes().stream().allMatch(p -> p.history().size() == before + 1));
    }
    for (int pane = 0; pane < 4; pane++) {
      assertThat(shownStep(pane)).isEqualTo(3);
      assertThat(compare.panes().get(pane).numbersProperty().get())
          .startsWith("probe of step 3: accuracy ");
    }
    compare.showStep(2);
    for (int pane = 0; pane < 4; pane++) {
      assertThat(shownStep(pane)).as("pane %d follows the one timeline", pane).isEqualTo(2);
    }
    assertThat(compare.shownStepProperty().get()).isEqualTo(2);
    compare.showStep(99);
    assertThat(compare.shownStepProperty().get()).as("clamped to the last step").isEqualTo(3);
    compare.goLive();
    assertThat(shownStep(3)).isEqualTo(3);
    assertThat(compare.sharedExtent())
        .isEqualTo(
            compare.panes().stream()
                .map(p -> p.plane().dataBox())
                .reduce(WorldBox::union)
                .orElseThrow());

    compare.presetProperty().set(ComparisonPreset.TRAIN_AND_TEST);
    compare.apply();
    assertThat(compare.panes())
        .extracting(p -> p.visibleProperty().get())
        .containsExactly(true, true, false, false);
    assertThat(compare.panes().get(0).titleProperty().get()).startsWith("Training images");
    assertThat(compare.panes().get(1).titleProperty().get()).startsWith("Test images");
    frameUntil(
        () ->
            compare.panes().get(0).history().originProperty().get() != null
                && compare.canTrainProperty().get());
    assertThat(compare.lastStepProperty().get()).as("a new comparison starts at step 0").isZero();
    windowOptions.comparingProperty().set(false);
  }

  @Test
  @DisplayName(
      "copy this run and change one thing: the run and its copy, titled by the setting; a bad value changes nothing and says why")
  void copyAndChangeOneThing() {
    Hyperparameters live = Hyperparameters.defaults().withBatchSize(32);
    newComparison(live);
    compare.presetProperty().set(ComparisonPreset.ONE_CHANGE);
    compare.changedSettingProperty().set(OneChange.Setting.HEAD);
    assertThat(compare.changedValueProperty().get())
        .as("offered: a head other than the run's")
        .isEqualTo("normface");
    compare.changedSettingProperty().set(OneChange.Setting.LEARNING_RATE);
    compare.changedValueProperty().set("0.05");
    compare.apply();
    assertThat(compare.noticeProperty().get()).isEmpty();
    assertThat(compare.plan().runs()).containsExactly(live, live.withLearningRate(0.05));
    assertThat(compare.panes().get(0).titleProperty().get())
        .isEqualTo("This run: learning rate = 0.02");
    assertThat(compare.panes().get(1).titleProperty().get())
        .isEqualTo("Copy: learning rate = 0.05");
    assertThat(compare.panes().get(2).visibleProperty().get()).isFalse();

    var applied = compare.plan();
    compare.changedValueProperty().set("0,05");
    compare.apply();
    assertThat(compare.noticeProperty().get())
        .isEqualTo("\"0,05\" is not a number: write it with a point, e.g. 0.5.");
    assertThat(compare.plan()).isSameAs(applied);
    compare.changedValueProperty().set("0.02");
    compare.apply();
    assertThat(compare.noticeProperty().get())
        .startsWith("The copy would keep the run's own value, 0.02");
    compare.changedSettingProperty().set(OneChange.Setting.LAMBDA);
    compare.changedValueProperty().set("-1");
    compare.apply();
    assertThat(compare.noticeProperty().get())
        .isEqualTo("lambda must be a number of 0 or more (it is -1.0).");
    assertThat(compare.plan()).isSameAs(applied);
  }

  @Test
  @DisplayName(
      "from the step shown, without a run to branch from: one sentence, and the runs start from the seed")
  void fromShownStepWithoutCheckpoint() {
    newComparison(Hyperparameters.defaults().withBatchSize(32));
    liveHistory.listener().onSnapshot(SnapshotBuilder.aStep().step(5).batchSize(4).build());
    liveHistory.pull();
    compare.fromShownStepProperty().set(true);
    compare.apply();
    assertThat(compare.noticeProperty().get()).contains("step 5").contains("cannot go on");
    assertThat(compare.startTextProperty().get()).isEqualTo("All from the seed, step 0");
  }

  @Test
  @DisplayName(
      "the caption's numbers, checked by hand: accuracy, spread, nearest centers, spread over nearest")
  void numbersByHand() {
    Hyperparameters two = Hyperparameters.defaults().withKnownDigits(Hyperparameters.digits(0, 1));
    Vec2List centers = Vec2List.copyOf(new float[] {0, 0, 3, 4});
    ProbeResult probe =
        new ProbeResult(
            7,
            Vec2List.copyOf(new float[] {1, 0, 0, 1, 3, 5, 3, 3}),
            IntVector.copyOf(new int[] {0, 0, 1, 1}),
            IntVector.copyOf(new int[] {0, 1, 1, 1}),
            two.knownDigits());
    StepSnapshot step =
        SnapshotBuilder.aStep()
            .step(7)
            .hyperparameters(two)
            .centers(centers, centers)
            .probe(probe)
            .build();
    // every feature is 1 from its center: spread 1; the centers are 5 apart; 3 of 4 right
    assertThat(PaneCaptions.numbers(step, new ProbedState(7, two, step.headAfter(), centers)))
        .isEqualTo(
            "probe of step 7: accuracy 75.0%\nspread 1.00 ÷ distance between nearest centers 5.00 = 0.200");
    // (1,0), (0,1), (-1,0.1): the last is at 180 - atan(0.1) = 174.29 degrees, 84.29 from (0,1)
    assertThat(
            Math.toDegrees(
                FeatureStatistics.smallestAngle(
                    Vec2List.copyOf(new float[] {1, 0, 0, 1, -1, 0.1f}))))
        .isCloseTo(84.2894, Offset.offset(1e-3));
    assertThat(PaneCaptions.numbers(SnapshotBuilder.aStep().step(9).diverged("NaN").build(), null))
        .isEqualTo("Diverged at step 9.");
  }

  /** A step whose probe has two features at ±spread, every center at the origin. */
  private static StepSnapshot cloud(long step, float spread) {
    Vec2List centers = Vec2List.copyOf(new float[20]);
    ProbeResult probe =
        new ProbeResult(
            step,
            Vec2List.copyOf(new float[] {-spread, -spread, spread, spread}),
            IntVector.copyOf(new int[] {0, 1}),
            IntVector.copyOf(new int[] {0, 1}),
            Hyperparameters.ALL_DIGITS);
    return SnapshotBuilder.aStep().step(step).centers(centers, centers).probe(probe).build();
  }

  @Test
  @DisplayName(
      "shared axes over clouds of ±150, ±40, ±8 and ±2 on 400x300 planes: insets ×9.4 and ×38 for the two smallest, none for the others, none without shared axes")
  void insetsWithSharedAxes() {
    newComparison(Hyperparameters.defaults());
    float[] spreads = {150, 40, 8, 2};
    for (int i = 0; i < 4; i++) {
      ComparePane pane = compare.panes().get(i);
      pane.startRun("run " + i);
      pane.history().listener().onSnapshot(cloud(20, spreads[i]));
      pane.history().pull();
    }
    PlaneStyle style = PlaneStyle.normal();
    long second = 1_000_000_000L;
    // the first frame takes every pane's step; a frame long after, when the views have eased
    for (long now : new long[] {second, 100 * second}) {
      compare.panes().forEach(p -> p.plane().sceneAt(now, 400, 300));
    }
    long later = 200 * second;
    java.util.List<java.util.Optional<OwnScaleInset.Placement>> insets =
        new java.util.ArrayList<>();
    for (ComparePane pane : compare.panes()) {
      PlaneScene scene = pane.plane().sceneAt(later, 400, 300);
      // the shared view: ±150 on 300 × 0.84 px
      assertThat(scene.view().pixelsPerUnit()).isCloseTo(0.84, Offset.offset(1e-9));
      insets.add(pane.plane().insetAt(later, scene, 400, 300, style));
    }
    assertThat(insets.get(0)).isEmpty();
    // ±40 in the 180x150 inset: 126 / 80 = 1.575 px/unit, 1.875 times 0.84: under 2, none
    assertThat(insets.get(1)).isEmpty();
    // ±8: 126 / 16 = 7.875 px/unit, 9.375 times; ±2: 31.5 px/unit, 37.5 times
    assertThat(insets.get(2).orElseThrow().zoom()).isCloseTo(9.375, Offset.offset(1e-9));
    OwnScaleInset.Placement smallest = insets.get(3).orElseThrow();
    assertThat(smallest.zoom()).isCloseTo(37.5, Offset.offset(1e-9));
    assertThat(OwnScaleInset.label(smallest.zoom())).isEqualTo("own scale ×38");
    // the legend (12 px text: 50.4 px wide, 206.4 px down) and the dot at the middle leave the
    // bottom-left corner
    assertThat(smallest.left()).isCloseTo(6, Offset.offset(1e-9));
    assertThat(smallest.top()).isCloseTo(144, Offset.offset(1e-9));

    compare.sharedAxesProperty().set(false);
    for (ComparePane pane : compare.panes()) {
      PlaneScene scene = pane.plane().sceneAt(300 * second, 400, 300);
      assertThat(pane.plane().insetAt(300 * second, scene, 400, 300, style)).isEmpty();
    }
  }

  @Test
  @DisplayName(
      "a new probe with a cloud twice as large: the inset's view eases there (0.4 s), not at once")
  void insetEases() {
    newComparison(Hyperparameters.defaults());
    ComparePane big = compare.panes().get(0);
    ComparePane small = compare.panes().get(1);
    big.startRun("big");
    small.startRun("small");
    big.history().listener().onSnapshot(cloud(20, 150));
    small.history().listener().onSnapshot(cloud(20, 2));
    big.history().pull();
    small.history().pull();
    long second = 1_000_000_000L;
    PlaneStyle style = PlaneStyle.normal();
    for (long now : new long[] {second, 100 * second}) {
      big.plane().sceneAt(now, 400, 300);
      small.plane().sceneAt(now, 400, 300);
    }
    PlaneScene scene = small.plane().sceneAt(100 * second, 400, 300);
    double before =
        small.plane().insetAt(100 * second, scene, 400, 300, style).orElseThrow().zoom();
    assertThat(before).isCloseTo(37.5, Offset.offset(1e-9));
    small.history().listener().onSnapshot(cloud(40, 4));
    small.history().pull();
    long now = 100 * second + 400_000_000L; // one time constant on: 1 - 1/e of the way in log scale
    scene = small.plane().sceneAt(now, 400, 300);
    double eased = small.plane().insetAt(now, scene, 400, 300, style).orElseThrow().zoom();
    // ±4: 126 / 8 = 15.75 px/unit, 18.75 times; the log of the zoom 1 - 1/e of the way there
    double expected = Math.exp(Math.log(37.5) + (1 - Math.exp(-1)) * Math.log(18.75 / 37.5));
    assertThat(eased).isCloseTo(expected, Offset.offset(1e-6));
  }

  @Test
  @DisplayName(
      "recorded runs fill the panes at their last step without training; the timeline moves them; Start replaces them with live runs")
  void recordedRuns() {
    Hyperparameters base = Hyperparameters.defaults().withBatchSize(32);
    newComparison(base);
    var runs =
        ComparisonPreset.ALPHA.runs(base).stream().map(hp -> BlankRuns.of(hp, 12, true)).toList();
    compare.showRecorded(ComparisonPreset.ALPHA, runs);
    windowOptions.comparingProperty().set(true);
    assertThat(compare.showsRecorded()).isTrue();
    assertThat(compare.panes())
        .extracting(p -> p.visibleProperty().get())
        .containsExactly(true, true, true, false);
    assertThat(compare.panes().subList(0, 3))
        .extracting(p -> p.titleProperty().get())
        .containsExactly("α = 0.1", "α = 0.5", "α = 0.9");
    assertThat(compare.lastStepProperty().get()).isEqualTo(12);
    for (int pane = 0; pane < 3; pane++) {
      assertThat(shownStep(pane)).isEqualTo(12);
    }
    compare.showStep(5);
    for (int pane = 0; pane < 3; pane++) {
      assertThat(shownStep(pane)).isEqualTo(5);
    }
    // the trainer starts meanwhile, but builds no runs over the recording
    frameUntil(() -> compare.statusTextProperty().get().startsWith("Recorded runs"));
    compare.onFrame();
    assertThat(compare.canTrainProperty().get()).isFalse();
    assertThat(compare.plan()).isNull();
    assertThat(shownStep(0)).isEqualTo(5);
    assertThat(compare.statusTextProperty().get())
        .isEqualTo(
            "Recorded runs, shown as they were trained: they do not train on. Start trains the"
                + " comparison live.");

    compare.apply();
    assertThat(compare.showsRecorded()).isFalse();
    frameUntil(
        () ->
            compare.canTrainProperty().get()
                && compare.panes().subList(0, 3).stream()
                    .allMatch(p -> p.history().originProperty().get() != null));
    assertThat(compare.lastStepProperty().get()).isZero();
    assertThat(shownStep(0)).isZero();
  }
}
