package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.testing.TestData;
import lab.centerloss.train.StopRule.Ending;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The one training loop's policies, on a session that only counts (no libtorch): the steps probed,
 * the checkpoints kept, the stops; and once on a real session, a handful of steps.
 */
class RunDriverTest {
  /** Counts what it is asked; its probes have the accuracy given for their step. */
  private static final class CountingSession implements RunDriver.Session {
    final List<Long> probedAt = new ArrayList<>();
    final List<Long> checkpointedAt = new ArrayList<>();
    final List<Boolean> featuresAfter = new ArrayList<>();
    private final long divergesAt;
    private final LongToDoubleFunction accuracyAt;
    private long stepsDone;

    CountingSession(long divergesAt, LongToDoubleFunction accuracyAt) {
      this.divergesAt = divergesAt;
      this.accuracyAt = accuracyAt;
    }

    CountingSession() {
      this(0, step -> 0);
    }

    @Override
    public long stepsDone() {
      return stepsDone;
    }

    @Override
    public StepSnapshot step(Hyperparameters hp, boolean withFeaturesAfter) {
      stepsDone++;
      featuresAfter.add(withFeaturesAfter);
      SnapshotBuilder step = SnapshotBuilder.aStep().step(stepsDone).hyperparameters(hp);
      return stepsDone == divergesAt ? step.diverged("the loss became NaN").build() : step.build();
    }

    @Override
    public ProbeResult probe(int size, HeadKind head) {
      probedAt.add(stepsDone);
      int correct = (int) Math.round(accuracyAt.applyAsDouble(stepsDone) * size);
      int[] labels = new int[size];
      int[] predictions = new int[size];
      for (int i = 0; i < size; i++) {
        predictions[i] = i < correct ? 0 : 1;
      }
      return new ProbeResult(
          stepsDone,
          Vec2List.copyOf(new float[2 * size]),
          IntVector.copyOf(labels),
          IntVector.copyOf(predictions));
    }

    @Override
    public Checkpoint checkpoint() {
      checkpointedAt.add(stepsDone);
      return new Checkpoint(
          stepsDone, List.of(), null, 0, List.of(), List.of(), new float[0], 0, 0);
    }

    @Override
    public RunOrigin origin(Hyperparameters hp, int probeSize) {
      return new RunOrigin(
          hp,
          Vec2List.copyOf(new float[20]),
          SnapshotBuilder.aStep().build().head(),
          probe(probeSize, hp.head()),
          "0".repeat(64));
    }
  }

  /** What the driver told its sink. */
  private static final class Told implements RunDriver.Sink {
    final List<Long> snapshots = new ArrayList<>();
    final List<Long> withProbe = new ArrayList<>();
    final List<Long> checks = new ArrayList<>();
    final List<Long> checkpoints = new ArrayList<>();
    final List<Long> divergences = new ArrayList<>();
    int origins;

    @Override
    public void onOrigin(RunOrigin origin) {
      origins++;
    }

    @Override
    public void onSnapshot(StepSnapshot snapshot) {
      snapshots.add(snapshot.step());
      snapshot.probe().ifPresent(p -> withProbe.add(p.step()));
    }

    @Override
    public void onCheck(StepSnapshot snapshot, ProbeResult probe) {
      checks.add(probe.step());
    }

    @Override
    public void onCheckpoint(Checkpoint checkpoint) {
      checkpoints.add(checkpoint.step());
    }

    @Override
    public void onDivergence(StepSnapshot snapshot) {
      divergences.add(snapshot.step());
    }
  }

  private static final Hyperparameters LITE = Hyperparameters.defaults();

  @Test
  @DisplayName("probes recorded every K steps, and on the last step when asked; checks apart")
  void probeSteps() {
    CountingSession session = new CountingSession();
    Told told = new Told();
    RunDriver.Outcome outcome =
        RunDriver.of(session, 10)
            .recordingProbes(ProbeSchedule.every(4).orLastStep())
            .checking(ProbeSchedule.every(3))
            .into(told)
            .run(LITE, StopRule.atStep(10));
    assertThat(outcome.ending()).isEqualTo(Ending.STEP_REACHED);
    assertThat(outcome.last().orElseThrow().step()).isEqualTo(10);
    assertThat(told.snapshots).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(told.withProbe).containsExactly(4L, 8L, 10L);
    assertThat(told.checks).containsExactly(3L, 6L, 9L);
    assertThat(session.probedAt)
        .as("one probe a step at most")
        .containsExactly(3L, 4L, 6L, 8L, 9L, 10L);
    assertThat(session.featuresAfter).containsOnly(false);
  }

  @Test
  @DisplayName("a probe that is recorded and checked is taken once")
  void oneProbeServesBoth() {
    CountingSession session = new CountingSession();
    Told told = new Told();
    RunDriver.of(session, 10)
        .recordingProbes(ProbeSchedule.every(20))
        .checking(ProbeSchedule.every(100).orLastStep())
        .into(told)
        .run(LITE, StopRule.atStep(150));
    assertThat(told.checks).containsExactly(100L, 150L);
    assertThat(told.withProbe).hasSize(7).contains(100L).doesNotContain(150L);
    assertThat(session.probedAt).hasSize(8).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName(
      "checkpoints at the origin, every 100 steps to 1,000, then every 500; none unless kept")
  void checkpointSteps() {
    CountingSession session = new CountingSession();
    Told told = new Told();
    RunDriver driver =
        RunDriver.of(session, 10).keepingCheckpoints(CheckpointKeeping.SPACED).into(told);
    driver.origin(LITE);
    driver.run(LITE, StopRule.atStep(2100));
    assertThat(told.origins).isEqualTo(1);
    assertThat(told.checkpoints)
        .containsExactly(
            0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L, 1500L, 2000L);
    assertThat(session.checkpointedAt).isEqualTo(told.checkpoints);

    CountingSession paper = new CountingSession();
    Told paperTold = new Told();
    RunDriver.of(paper, 10)
        .keepingCheckpoints(CheckpointKeeping.SPACED)
        .into(paperTold)
        .run(LITE.withModel(ModelSize.PAPER), StopRule.atStep(1500));
    assertThat(paperTold.checkpoints).as("five times rarer").containsExactly(500L, 1000L, 1500L);

    CountingSession none = new CountingSession();
    RunDriver.of(none, 10).origin(LITE);
    RunDriver.of(none, 10).run(LITE, StopRule.atStep(300));
    assertThat(none.checkpointedAt).isEmpty();
  }

  @Test
  @DisplayName(
      "a diverged step is recorded, probe and checkpoint included, then the run stops unchecked")
  void stopsOnDivergence() {
    CountingSession session = new CountingSession(8, step -> 1);
    Told told = new Told();
    RunDriver.Outcome outcome =
        RunDriver.of(session, 10)
            .recordingProbes(ProbeSchedule.every(4))
            .checking(ProbeSchedule.every(2))
            .into(told)
            .run(LITE, StopRule.atStep(20));
    assertThat(outcome.ending()).isEqualTo(Ending.DIVERGED);
    assertThat(outcome.last().orElseThrow().step()).isEqualTo(8);
    assertThat(session.stepsDone()).as("no step after it").isEqualTo(8);
    assertThat(told.divergences).containsExactly(8L);
    assertThat(told.withProbe).containsExactly(4L, 8L);
    assertThat(told.checks).as("the diverged step is not checked").containsExactly(2L, 4L, 6L);
  }

  @Test
  @DisplayName("stops at the first check that reaches the accuracy, before the step limit")
  void stopsAtAccuracy() {
    CountingSession session = new CountingSession(0, step -> step / 100.0);
    Told told = new Told();
    RunDriver.Outcome outcome =
        RunDriver.of(session, 100)
            .checking(ProbeSchedule.every(10))
            .into(told)
            .run(LITE, StopRule.atStep(60).orAccuracyAtLeast(0.35));
    assertThat(outcome.ending()).isEqualTo(Ending.ACCURACY_REACHED);
    assertThat(outcome.last().orElseThrow().step()).isEqualTo(40);
    assertThat(told.checks).containsExactly(10L, 20L, 30L, 40L);

    CountingSession slow = new CountingSession(0, step -> 0.1);
    RunDriver.Outcome limit =
        RunDriver.of(slow, 100)
            .checking(ProbeSchedule.every(10))
            .run(LITE, StopRule.atStep(25).orAccuracyAtLeast(0.35));
    assertThat(limit.ending()).isEqualTo(Ending.STEP_REACHED);
    assertThat(limit.last().orElseThrow().step()).isEqualTo(25);
  }

  @Test
  @DisplayName("a run already at its step trains nothing; a later rule goes on from there")
  void goesOnFromWhereItIs() {
    CountingSession session = new CountingSession();
    RunDriver driver = RunDriver.of(session, 10).withFeaturesAfter(true);
    driver.run(LITE, StopRule.atStep(5));
    RunDriver.Outcome again = driver.run(LITE, StopRule.atStep(3));
    assertThat(again.ending()).isEqualTo(Ending.STEP_REACHED);
    assertThat(again.last()).isEmpty();
    assertThat(driver.run(LITE, StopRule.atStep(7)).last().orElseThrow().step()).isEqualTo(7);
    assertThat(session.stepsDone()).isEqualTo(7);
    assertThat(session.featuresAfter).hasSize(7).containsOnly(true);
  }

  @Test
  @DisplayName(
      "one step at a time: the schedule's probes, or one asked for, and no stop but divergence")
  void oneStepAtATime() {
    CountingSession session = new CountingSession(3, step -> 0);
    Told told = new Told();
    RunDriver driver =
        RunDriver.of(session, 10).recordingProbes(ProbeSchedule.every(100)).into(told);
    RunDriver.Stepped first = driver.step(LITE, true, true);
    assertThat(first.snapshot().probe()).isPresent();
    assertThat(first.probe()).isPresent();
    assertThat(first.ending()).isEmpty();
    RunDriver.Stepped second = driver.step(LITE, false, false);
    assertThat(second.probe()).isEmpty();
    assertThat(driver.step(LITE, false, false).ending()).contains(Ending.DIVERGED);
    assertThat(session.featuresAfter).containsExactly(true, false, false);
    assertThat(told.withProbe).containsExactly(1L);
  }

  @Test
  @DisplayName(
      "a real session, a handful of steps: the probes of the schedule, of the size asked, as a hand loop takes them")
  void realSession() {
    Hyperparameters hp = LITE.withBatchSize(16);
    try (TrainingEngine engine = TrainingEngine.open(TestData.mnist(), DeviceChoice.CPU, 1);
        TrainingSession session = engine.newSession(hp)) {
      List<StepSnapshot> steps = new ArrayList<>();
      RunDriver.Outcome outcome =
          RunDriver.of(session, 50)
              .recordingProbes(ProbeSchedule.every(2))
              .into(
                  new RunDriver.Sink() {
                    @Override
                    public void onSnapshot(StepSnapshot snapshot) {
                      steps.add(snapshot);
                    }
                  })
              .run(hp, StopRule.atStep(4));
      assertThat(outcome.ending()).isEqualTo(Ending.STEP_REACHED);
      assertThat(steps).extracting(StepSnapshot::step).containsExactly(1L, 2L, 3L, 4L);
      assertThat(steps)
          .filteredOn(s -> s.probe().isPresent())
          .extracting(s -> s.probe().get().step())
          .containsExactly(2L, 4L);
      ProbeResult recorded = steps.get(3).probe().orElseThrow();
      assertThat(recorded.size()).isEqualTo(50);
      assertThat(session.probe(50, hp.head()).features())
          .as("a probe is deterministic: one serves a recorded probe and a check")
          .isEqualTo(recorded.features());
      try (TrainingSession byHand = engine.newSession(hp)) {
        for (int i = 0; i < 4; i++) {
          byHand.step(hp, false);
        }
        assertThat(byHand.probe(50, hp.head()).features()).isEqualTo(recorded.features());
      }
    }
  }
}
