package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lab.centerloss.testing.TestData;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real training on the bundled MNIST, on every processor. JUnit runs these on one thread. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingRunTest {
  private TrainingEngine engine;

  @BeforeAll
  void openEngine() {
    engine = TrainingEngine.open(TestData.mnist(), DeviceChoice.CPU, 0);
  }

  @AfterAll
  void closeEngine() {
    engine.close();
  }

  @Test
  @DisplayName(
      "the same seed and settings give identical centers after N steps; another seed does not")
  void sameSeedSameCenters() {
    Hyperparameters hp = Hyperparameters.defaults();
    // five steps: every part of a step that a seed fixes (the weights, the batch order, the
    // update of network and centers) is in each one, and centers that differ once differ after
    int steps = 5;
    Vec2List first = centersAfter(hp, steps);
    Vec2List second = centersAfter(hp, steps);
    Vec2List otherSeed = centersAfter(hp.withSeed(2), steps);
    assertThat(second).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  @DisplayName(
      "restored from a checkpoint, a session goes on exactly as the original did: same batches, same numbers")
  void checkpointsResumeExactly(OptimizerKind kind) {
    Hyperparameters hp =
        Hyperparameters.defaults()
            .withOptimizer(kind)
            .withLearningRate(kind == OptimizerKind.SGD ? 0.01 : 0.001)
            .withBatchSize(32);
    List<StepSnapshot> original = new ArrayList<>();
    Checkpoint at10;
    try (TrainingSession session = engine.newSession(hp)) {
      for (int i = 0; i < 10; i++) {
        session.step(hp, false);
      }
      at10 = session.checkpoint();
      for (int i = 0; i < 5; i++) {
        original.add(session.step(hp, false));
      }
    }
    try (TrainingSession resumed = engine.newSession(hp.withSeed(hp.seed()))) {
      resumed.restore(at10);
      for (StepSnapshot expected : original) {
        StepSnapshot again = resumed.step(hp, false);
        assertThat(again.step()).isEqualTo(expected.step());
        assertThat(again.batch().labels()).isEqualTo(expected.batch().labels());
        assertThat(again.batch().features()).isEqualTo(expected.batch().features());
        assertThat(again.centers().after()).isEqualTo(expected.centers().after());
        assertThat(again.scalars().lossTotal()).isEqualTo(expected.scalars().lossTotal());
      }
    }
  }

  @Test
  @DisplayName(
      "centers start at the origin, or from a standard normal draw that the seed fixes (torch.randn)")
  void centerInit() {
    Hyperparameters normal = Hyperparameters.defaults().withCenterInit(CenterInit.NORMAL);
    Vec2List zero = centersAfter(Hyperparameters.defaults(), 0);
    Vec2List drawn = centersAfter(normal, 0);
    assertThat(zero).isEqualTo(Vec2List.copyOf(new float[20]));
    assertThat(drawn).isEqualTo(centersAfter(normal, 0));
    assertThat(drawn).isNotEqualTo(centersAfter(normal.withSeed(2), 0));
    double sumOfSquares = 0;
    for (int j = 0; j < drawn.size(); j++) {
      sumOfSquares += drawn.x(j) * drawn.x(j) + drawn.y(j) * drawn.y(j);
    }
    // 20 standard normal draws: a sum of squares of 20 +- 6.3 (chi-squared, 20 degrees)
    assertThat(sumOfSquares).isBetween(5.0, 45.0);
    // the network starts the same either way: the draw comes after its weights
    try (TrainingSession a = engine.newSession(Hyperparameters.defaults());
        TrainingSession b = engine.newSession(normal)) {
      assertThat(b.step(normal, false).batch().features())
          .isEqualTo(a.step(Hyperparameters.defaults(), false).batch().features());
    }
  }

  private Vec2List centersAfter(Hyperparameters hp, int steps) {
    try (TrainingSession session = engine.newSession(hp)) {
      for (int i = 0; i < steps; i++) {
        session.step(hp, false);
      }
      return session.centers();
    }
  }

  @Test
  @DisplayName(
      "softmax + center loss on the lite model reaches 90% probe accuracy within 500 steps, its loss falling; "
          + "the soak of the lite model: every step without divergence, every parameter finite")
  void liteLearns() {
    Hyperparameters hp = Hyperparameters.defaults();
    List<Double> losses = new ArrayList<>();
    double accuracy = 0;
    // as long as learning takes, and no longer: the run stops at the first probe of 90 %
    try (TrainingSession session = engine.newSession(hp)) {
      for (int i = 1; i <= 500 && accuracy < 0.9; i++) {
        StepSnapshot snapshot = session.step(hp, false);
        assertThat(snapshot.diverged()).isFalse();
        assertThat(snapshot.divergence()).as("lite step %d", i).isEmpty();
        losses.add(snapshot.scalars().lossSoftmax());
        if (i % 50 == 0) {
          accuracy = session.probe(2000, hp.head()).accuracy();
        }
      }
      assertThat(session.allParametersFinite()).as(ModelSize.LITE.id()).isTrue();
    }
    assertThat(accuracy).isGreaterThanOrEqualTo(0.9);
    assertThat(mean(losses.subList(losses.size() - 20, losses.size())))
        .isLessThan(mean(losses.subList(0, 20)) / 2);
  }

  @Test
  @DisplayName(
      "soak: the paper model trains past its learning-rate warm-up on all processors with every parameter finite "
          + "(the lite model's soak is its learning run)")
  void soakEveryModelSize() {
    assertThat(engine.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    // the lite model trains a few hundred steps in liteLearns (until 90 %), checked the same way
    for (ModelSize size : List.of(ModelSize.PAPER)) {
      Hyperparameters hp = Hyperparameters.defaults().withModel(size);
      // the rate grows to its full value over the warm-up; 20 steps at the full rate after it,
      // where a rate too large for the model would blow up
      int steps = hp.learningRateWarmupSteps() + 20;
      try (TrainingSession session = engine.newSession(hp)) {
        for (int i = 0; i < steps; i++) {
          StepSnapshot snapshot = session.step(hp, false);
          assertThat(snapshot.divergence()).as("%s step %d", size, i).isEmpty();
        }
        assertThat(session.allParametersFinite()).as(size.id()).isTrue();
      }
    }
  }

  @Test
  @DisplayName(
      "ArcFace and CosFace train without NaN at every margin from 0 to 0.8, applied at once")
  void noNanAtAnyMargin() {
    for (HeadKind head : new HeadKind[] {HeadKind.ARCFACE, HeadKind.COSFACE}) {
      for (double m = 0; m <= 0.8001; m += 0.2) {
        Hyperparameters hp =
            Hyperparameters.recommendedFor(head).withMargin(m).withMarginWarmupSteps(0);
        try (TrainingSession session = engine.newSession(hp)) {
          // the margin is at its full value from the first step, where the untrained network puts
          // samples at every angle from their class (theta + m past pi for many): where a NaN of
          // the margin comes from; 20 steps of 128 samples meet thousands of them
          for (int i = 0; i < 20; i++) {
            StepSnapshot snapshot = session.step(hp, false);
            assertThat(snapshot.divergence()).as("%s m=%.1f step %d", head, m, i).isEmpty();
            assertThat(snapshot.batch().features().allFinite()).isTrue();
          }
          assertThat(session.allParametersFinite()).as("%s m=%.1f", head, m).isTrue();
        }
      }
    }
  }

  @Test
  @DisplayName("a loss that turns NaN is reported as divergence at its step, with nothing updated")
  void divergenceIsReported() {
    Hyperparameters hp =
        Hyperparameters.defaults()
            .withLearningRate(5)
            .withLearningRateWarmupSteps(0)
            .withGradientClipNorm(0);
    try (TrainingSession session = engine.newSession(hp)) {
      StepSnapshot snapshot = null;
      for (int i = 0; i < 100; i++) {
        snapshot = session.step(hp);
        if (snapshot.diverged()) {
          break;
        }
      }
      assertThat(snapshot.diverged()).isTrue();
      assertThat(Double.isFinite(snapshot.scalars().lossTotal())).isFalse();
      assertThat(snapshot.divergence().get().render())
          .startsWith("Training diverged at step " + snapshot.step());
      assertThat(snapshot.centers().after()).isEqualTo(snapshot.centers().before());
    }
  }

  @Test
  @DisplayName(
      "a snapshot's numbers belong together: counts from the labels, centers after = the rule applied")
  void snapshotIsConsistent() {
    Hyperparameters hp = Hyperparameters.defaults().withBatchSize(32);
    try (TrainingSession session = engine.newSession(hp)) {
      session.step(hp);
      StepSnapshot s = session.step(hp);
      assertThat(s.step()).isEqualTo(2);
      assertThat(s.batch().labels().size()).isEqualTo(32);
      assertThat(s.batch().features().size()).isEqualTo(32);
      int[] counts = new int[10];
      for (int i = 0; i < 32; i++) {
        counts[s.batch().labels().get(i)]++;
      }
      assertThat(s.batch().classCounts().toArray()).containsExactly(counts);
      for (int j = 0; j < 10; j++) {
        double sumX = 0;
        for (int i = 0; i < 32; i++) {
          if (s.batch().labels().get(i) == j) {
            sumX += s.centers().before().x(j) - s.batch().features().x(i);
          }
        }
        double delta = sumX / (1 + counts[j]);
        assertThat((double) s.centers().paperDeltas().x(j))
            .isCloseTo(delta, Assertions.within(1e-5));
        assertThat((double) s.centers().after().x(j))
            .isCloseTo(s.centers().before().x(j) - hp.alpha() * delta, Assertions.within(1e-5));
      }
      assertThat(s.head().bias()).isPresent();
      assertThat(s.scalars().lossTotal())
          .isCloseTo(
              s.scalars().lossSoftmax() + hp.lambda() * s.scalars().lossCenter(),
              Assertions.within(1e-5));
    }
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
