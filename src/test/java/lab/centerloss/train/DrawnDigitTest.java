package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lab.centerloss.data.DigitPreparation;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.store.RunRecord;
import lab.centerloss.testing.TestData;
import lab.centerloss.train.TrainerStatus.State;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The drawing pad's path (MNIST-style preparation, then one forward pass on the trainer's thread),
 * checked with MNIST's own test images: prepared again, a trained network must still see the digit
 * it saw, and the pad's feature must be the one the batched evaluation computes for the same
 * prepared image. The trained network is restored from a committed fixture (the default recipe
 * after 600 steps): image preparation is tested here, not training.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrawnDigitTest {
  /**
   * The fixture's steps: enough for about 97 % on the test set with the default recipe (README: 95
   * % after 410-460), so that a changed prediction means the preparation, not a network unsure of
   * every digit.
   */
  private static final int TRAINING_STEPS = 600;

  private static final int IMAGES = 2000;
  private static final int SIDE = MnistDataSet.IMAGE_SIDE;

  private TrainingEngine engine;
  private TrainingSession trained;
  private final Hyperparameters hp = Hyperparameters.defaults();

  @BeforeAll
  void restoreTheTrainedNetwork() {
    RunRecord fixture = TestData.trainedRun().record();
    assertThat(fixture.origin().hyperparameters()).as("the fixture's recipe").isEqualTo(hp);
    Checkpoint at600 = fixture.checkpointAtOrBefore(TRAINING_STEPS).orElseThrow();
    assertThat(at600.step()).isEqualTo(TRAINING_STEPS);
    engine = TrainingEngine.open(TestData.mnist(), DeviceChoice.CPU, 0);
    trained = engine.newSession(hp);
    trained.restore(at600);
  }

  @AfterAll
  void close() {
    trained.close();
    engine.close();
  }

  /** The first {@link #IMAGES} test images, each prepared as a drawing is. */
  private static byte[] preparedTestImages() {
    return preparedTestImages(1, 0, 0, SIDE);
  }

  /**
   * The first {@link #IMAGES} test images, each enlarged this many times (every pixel a block) and
   * put at (left, top) of a square pad of this side, then prepared as a drawing is.
   */
  private static byte[] preparedTestImages(int enlarge, int left, int top, int pad) {
    MnistDataSet.Split test = TestData.mnist().test();
    byte[] prepared = new byte[IMAGES * SIDE * SIDE];
    for (int i = 0; i < IMAGES; i++) {
      float[] image =
          DigitPreparation.inkOf(
              Arrays.copyOfRange(test.pixels(), i * SIDE * SIDE, (i + 1) * SIDE * SIDE));
      float[] ink = new float[pad * pad];
      for (int y = 0; y < SIDE * enlarge; y++) {
        for (int x = 0; x < SIDE * enlarge; x++) {
          ink[(top + y) * pad + left + x] = image[(y / enlarge) * SIDE + x / enlarge];
        }
      }
      byte[] again = DigitPreparation.prepare(ink, pad, pad).orElseThrow();
      System.arraycopy(again, 0, prepared, i * SIDE * SIDE, SIDE * SIDE);
    }
    return prepared;
  }

  /** The trained network's features of these images, by the batched evaluation of a test split. */
  private ProbeResult evaluated(byte[] images) {
    // the training split stays: the checkpoint's batch position must exist in it
    MnistDataSet data =
        new MnistDataSet(
            TestData.mnist().train(),
            new MnistDataSet.Split(
                IMAGES,
                SIDE,
                SIDE,
                images,
                Arrays.copyOf(TestData.mnist().test().labels(), IMAGES)));
    try (TrainingEngine other = TrainingEngine.open(data, DeviceChoice.CPU, 0);
        TrainingSession copy = other.newSession(hp)) {
      copy.restore(trained.checkpoint());
      return copy.probe(IMAGES, hp.head());
    }
  }

  @Test
  @DisplayName(
      "MNIST test images prepared as drawings keep the trained network's prediction (at least 97 %)")
  void preparationMatchesTheData() {
    ProbeResult original = trained.probe(IMAGES, hp.head());
    assertThat(accuracy(original)).as("the network is trained").isGreaterThan(0.95);
    ProbeResult prepared = evaluated(preparedTestImages());
    int same = 0;
    for (int i = 0; i < IMAGES; i++) {
      same += original.predictions().get(i) == prepared.predictions().get(i) ? 1 : 0;
    }
    assertThat((double) same / IMAGES).isGreaterThanOrEqualTo(0.97);
  }

  @Test
  @DisplayName(
      "drawn three times as large, anywhere on a pad, MNIST test images still keep the prediction (at least 97 %)")
  void preparationUndoesSizeAndPlace() {
    ProbeResult original = trained.probe(IMAGES, hp.head());
    ProbeResult prepared = evaluated(preparedTestImages(3, 17, 5, 112));
    int same = 0;
    for (int i = 0; i < IMAGES; i++) {
      same += original.predictions().get(i) == prepared.predictions().get(i) ? 1 : 0;
    }
    assertThat((double) same / IMAGES).isGreaterThanOrEqualTo(0.97);
  }

  @Test
  @DisplayName(
      "the pad's feature of a prepared image is the batched evaluation's feature of it, and so is its prediction")
  void padFeatureIsTheNetworksFeature() {
    byte[] images = preparedTestImages();
    ProbeResult batched = evaluated(images);
    for (int i = 0; i < 100; i++) {
      DrawnFeature drawn =
          trained.featureOfDrawing(
              Arrays.copyOfRange(images, i * SIDE * SIDE, (i + 1) * SIDE * SIDE), hp.head());
      assertThat(drawn.step()).isEqualTo(TRAINING_STEPS);
      double scale = 1 + Math.hypot(batched.features().x(i), batched.features().y(i));
      assertThat(drawn.x())
          .as("x of image %d", i)
          .isCloseTo(batched.features().x(i), within(1e-4 * scale));
      assertThat(drawn.y())
          .as("y of image %d", i)
          .isCloseTo(batched.features().y(i), within(1e-4 * scale));
      assertThat(drawn.predictedDigit()).isEqualTo(batched.predictions().get(i));
    }
  }

  @Test
  @DisplayName(
      "the trainer answers a drawing on its own thread with the network it holds, and only the newest of two waiting")
  void trainerRunsTheDrawing() throws Exception {
    byte[] images = preparedTestImages();
    byte[] first = Arrays.copyOfRange(images, 0, SIDE * SIDE);
    byte[] second = Arrays.copyOfRange(images, SIDE * SIDE, 2 * SIDE * SIDE);
    DrawnFeature expected;
    try (TrainingSession fresh = engine.newSession(hp)) {
      expected = fresh.featureOfDrawing(second, hp.head());
    }
    try (Trainer trainer =
        new Trainer(TestData::mnist, new Trainer.Settings(DeviceChoice.CPU, 0, 100), hp)) {
      var ready = new CountDownLatch(1);
      trainer.addListener(
          new TrainerListener() {
            @Override
            public void onStatus(TrainerStatus status) {
              if (status.state() == State.PAUSED) {
                ready.countDown();
              }
            }
          });
      var older = trainer.featureOfDrawing(first);
      var newer = trainer.featureOfDrawing(second);
      trainer.launch();
      assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
      DrawnFeature drawn = newer.get(60, TimeUnit.SECONDS);
      assertThat(older.isCancelled()).isTrue();
      assertThat(drawn.step()).isZero();
      assertThat(drawn.x()).isEqualTo(expected.x());
      assertThat(drawn.y()).isEqualTo(expected.y());
      // an image of the wrong size fails that drawing only; the trainer still answers
      assertThat(trainer.featureOfDrawing(new byte[10])).failsWithin(Duration.ofSeconds(60));
      assertThat(trainer.featureOfDrawing(first).get(60, TimeUnit.SECONDS).step()).isZero();
      assertThat(trainer.status().state()).isEqualTo(State.PAUSED);
    }
  }

  private static double accuracy(ProbeResult probe) {
    int right = 0;
    for (int i = 0; i < probe.labels().size(); i++) {
      right += probe.labels().get(i) == probe.predictions().get(i) ? 1 : 0;
    }
    return (double) right / probe.labels().size();
  }
}
