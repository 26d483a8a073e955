package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import lab.centerloss.testing.TestData;
import lab.centerloss.train.TrainerStatus.State;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Runs side by side: one thread, the same batches, each run exactly what it would be alone. */
class ComparisonTrainerTest {
  private static final Trainer.Settings SETTINGS = new Trainer.Settings(DeviceChoice.CPU, 0, 200);
  private static final Hyperparameters BASE = Hyperparameters.defaults().withBatchSize(32);

  private record Published(long plan, List<Comparison.PaneStep> steps, String thread) {}

  private static final class Recorder implements TrainerListener {
    final BlockingQueue<List<RunOrigin>> origins = new LinkedBlockingQueue<>();
    final BlockingQueue<Published> steps = new LinkedBlockingQueue<>();
    final List<TrainerStatus> statuses = new CopyOnWriteArrayList<>();

    @Override
    public void onOrigins(long plan, List<RunOrigin> list) {
      origins.add(list);
    }

    @Override
    public void onSteps(long plan, List<Comparison.PaneStep> list) {
      steps.add(new Published(plan, list, Thread.currentThread().getName()));
    }

    @Override
    public void onStatus(TrainerStatus status) {
      statuses.add(status);
    }

    Published next() throws InterruptedException {
      Published p = steps.poll(60, TimeUnit.SECONDS);
      assertThat(p).as("a step within 60 s").isNotNull();
      return p;
    }

    void awaitStatus(Predicate<TrainerStatus> condition) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        if (statuses.stream().anyMatch(condition)) {
          return;
        }
        LockSupport.parkNanos(20_000_000L);
      }
      throw new AssertionError("no such status; seen " + statuses);
    }
  }

  @Test
  @DisplayName(
      "the lambda preset: four runs on the same batches, each step for step the run it would be alone")
  void lambdaPresetMatchesSingleRuns() throws Exception {
    Recorder recorder = new Recorder();
    Comparison.Plan plan = Comparison.Plan.of(ComparisonPreset.LAMBDA, BASE);
    try (Trainer trainer = Trainer.forComparison(TestData::mnist, SETTINGS)) {
      trainer.addListener(recorder);
      trainer.launch();
      long number = trainer.setPlan(plan);
      List<RunOrigin> origins = recorder.origins.poll(60, TimeUnit.SECONDS);
      assertThat(origins).hasSize(4);
      assertThat(origins.stream().map(o -> o.hyperparameters().lambda()))
          .containsExactly(0.0, 0.01, 0.1, 1.0);
      List<List<Comparison.PaneStep>> published = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        trainer.step();
        Published p = recorder.next();
        assertThat(p.plan()).isEqualTo(number);
        assertThat(p.thread()).isEqualTo("comparison-trainer");
        assertThat(p.steps()).hasSize(4);
        published.add(p.steps());
      }
      List<Comparison.PaneStep> third = published.get(2);
      for (Comparison.PaneStep pane : third) {
        assertThat(pane.snapshot().step()).isEqualTo(3);
        assertThat(pane.snapshot().batch().labels())
            .as("the same batch order")
            .isEqualTo(third.get(0).snapshot().batch().labels());
        assertThat(pane.snapshot().probe()).as("a single step is probed").isPresent();
      }
      assertThat(published.get(0).get(0).snapshot().batch().features())
          .as("same initial weights: the first step's features agree")
          .isEqualTo(published.get(0).get(3).snapshot().batch().features());
      assertThat(third.get(0).snapshot().centers().after())
          .as("lambda changed the runs")
          .isNotEqualTo(third.get(3).snapshot().centers().after());

      // each run is exactly what it would be alone
      try (TrainingEngine engine = TrainingEngine.open(TestData.mnist(), DeviceChoice.CPU, 0)) {
        for (int pane = 0; pane < 4; pane++) {
          Hyperparameters hp = plan.runs().get(pane);
          try (TrainingSession alone = engine.newSession(hp)) {
            StepSnapshot last = null;
            for (int i = 0; i < 3; i++) {
              last = alone.step(hp, false);
            }
            assertThat(third.get(pane).snapshot().centers().after())
                .as("pane %d", pane)
                .isEqualTo(last.centers().after());
            assertThat(third.get(pane).snapshot().scalars()).isEqualTo(last.scalars());
          }
        }
      }
    }
  }

  @Test
  @DisplayName(
      "the train/test pair: one run drawn twice, training images on the left, test images on the right")
  void trainAndTestPair() throws Exception {
    Recorder recorder = new Recorder();
    try (Trainer trainer = Trainer.forComparison(TestData::mnist, SETTINGS)) {
      trainer.addListener(recorder);
      trainer.launch();
      trainer.setPlan(Comparison.Plan.of(ComparisonPreset.TRAIN_AND_TEST, BASE));
      List<RunOrigin> origins = recorder.origins.poll(60, TimeUnit.SECONDS);
      assertThat(origins).hasSize(2);
      trainer.step();
      List<Comparison.PaneStep> panes = recorder.next().steps();
      assertThat(panes).hasSize(2);
      ProbeResult train = panes.get(0).snapshot().probe().orElseThrow();
      ProbeResult test = panes.get(1).snapshot().probe().orElseThrow();
      int[] trainLabels = new int[200];
      int[] testLabels = new int[200];
      for (int i = 0; i < 200; i++) {
        trainLabels[i] = TestData.mnist().train().label(i);
        testLabels[i] = TestData.mnist().test().label(i);
      }
      assertThat(train.labels().toArray()).isEqualTo(trainLabels);
      assertThat(test.labels().toArray()).isEqualTo(testLabels);
      assertThat(panes.get(0).snapshot().centers())
          .as("one run")
          .isEqualTo(panes.get(1).snapshot().centers());
    }
  }

  @Test
  @DisplayName(
      "a new plan while training: nothing of the old plan is published after setPlan returns")
  void newPlanWhileRunning() throws Exception {
    Recorder recorder = new Recorder();
    try (Trainer trainer = Trainer.forComparison(TestData::mnist, SETTINGS)) {
      trainer.addListener(recorder);
      trainer.launch();
      trainer.setPlan(Comparison.Plan.of(ComparisonPreset.CENTER_RULE, BASE));
      trainer.play();
      recorder.next();
      recorder.next();
      long second = trainer.setPlan(Comparison.Plan.of(ComparisonPreset.ALPHA, BASE));
      recorder.steps.clear();
      trainer.step();
      Published p = recorder.next();
      assertThat(p.plan()).isEqualTo(second);
      assertThat(p.steps()).hasSize(3);
      assertThat(p.steps().get(0).snapshot().step()).isEqualTo(1);
      recorder.awaitStatus(s -> s.state() == State.PAUSED);
    }
  }

  @Test
  @DisplayName("a plan of runs that differ in model or seed, or of more than four runs, is refused")
  void impossiblePlans() {
    assertThatThrownBy(
            () -> new Comparison.Plan(List.of(BASE, BASE.withSeed(2)), false, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Comparison.Plan(List.of(BASE, BASE, BASE, BASE, BASE), false, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Comparison.Plan(List.of(BASE, BASE), true, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("presets: one setting changed, everything else the base's")
  void presets() {
    Hyperparameters base = BASE.withSeed(7).withKnownDigits(Hyperparameters.OPEN_SET_DIGITS);
    assertThat(ComparisonPreset.ALPHA.runs(base))
        .extracting(Hyperparameters::alpha)
        .containsExactly(0.1, 0.5, 0.9);
    assertThat(ComparisonPreset.ALPHA.runs(base).get(0)).isEqualTo(base.withAlpha(0.1));
    assertThat(ComparisonPreset.CENTER_RULE.runs(base))
        .extracting(Hyperparameters::centerRule)
        .containsExactly(CenterRule.PAPER, CenterRule.SGD);
    List<Hyperparameters> heads = ComparisonPreset.HEADS.runs(base);
    assertThat(heads)
        .extracting(Hyperparameters::head)
        .containsExactly(HeadKind.SOFTMAX, HeadKind.SOFTMAX, HeadKind.COSFACE, HeadKind.ARCFACE);
    assertThat(heads).extracting(Hyperparameters::lambda).containsExactly(0.0, 0.1, 0.0, 0.0);
    assertThat(heads)
        .allSatisfy(
            hp -> {
              assertThat(hp.seed()).isEqualTo(7);
              assertThat(hp.batchSize()).isEqualTo(32);
              assertThat(hp.knownDigits()).isEqualTo(Hyperparameters.OPEN_SET_DIGITS);
            });
    assertThat(heads.get(3))
        .isEqualTo(
            Hyperparameters.recommendedFor(HeadKind.ARCFACE)
                .withSeed(7)
                .withBatchSize(32)
                .withKnownDigits(Hyperparameters.OPEN_SET_DIGITS));
    assertThat(ComparisonPreset.TRAIN_AND_TEST.panes()).isEqualTo(2);
    assertThat(ComparisonPreset.byId("center-rule")).isEqualTo(ComparisonPreset.CENTER_RULE);
  }
}
