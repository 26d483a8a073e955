package lab.centerloss.testing;

import java.util.Optional;
import java.util.SplittableRandom;
import lab.centerloss.text.Message;
import lab.centerloss.train.FloatVector;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;

/**
 * Step snapshots for tests that need one without training: every field has a plain default (a batch
 * of random features, ten centers at the origin), and a test sets only what it is about.
 */
public final class SnapshotBuilder {
  private long step = 1;
  private Hyperparameters hyperparameters = Hyperparameters.defaults();
  private int batchSize = 128;
  private int classes = 10;
  private double lossSoftmax = 1.5;
  private double lossCenter = 0.3;
  private Vec2List centersBefore;
  private Vec2List centersAfter;
  private Optional<ProbeResult> probe = Optional.empty();
  private Optional<String> divergence = Optional.empty();
  private StepSnapshot.HeadParameters head;

  public static SnapshotBuilder aStep() {
    return new SnapshotBuilder();
  }

  public SnapshotBuilder step(long value) {
    step = value;
    return this;
  }

  public SnapshotBuilder hyperparameters(Hyperparameters value) {
    hyperparameters = value;
    return this;
  }

  public SnapshotBuilder batchSize(int value) {
    batchSize = value;
    return this;
  }

  public SnapshotBuilder losses(double softmax, double center) {
    lossSoftmax = softmax;
    lossCenter = center;
    return this;
  }

  public SnapshotBuilder centers(Vec2List before, Vec2List after) {
    centersBefore = before;
    centersAfter = after;
    return this;
  }

  public SnapshotBuilder probe(ProbeResult value) {
    probe = Optional.of(value);
    return this;
  }

  /** The head after the step (and in force during it); ten zero weights and biases by default. */
  public SnapshotBuilder head(Vec2List weights, FloatVector bias) {
    head = new StepSnapshot.HeadParameters(weights, Optional.ofNullable(bias));
    return this;
  }

  /** A refused step whose losses were {@code why} (e.g. "NaN"). */
  public SnapshotBuilder diverged(String why) {
    divergence = Optional.of(why);
    return this;
  }

  public StepSnapshot build() {
    float[] features = new float[2 * batchSize];
    float[] after = new float[2 * batchSize];
    int[] labels = new int[batchSize];
    int[] counts = new int[classes];
    SplittableRandom random = new SplittableRandom(step);
    for (int i = 0; i < batchSize; i++) {
      labels[i] = i % classes;
      counts[labels[i]]++;
      features[2 * i] = (float) random.nextGaussian();
      features[2 * i + 1] = (float) random.nextGaussian();
      after[2 * i] = features[2 * i] * 1.01f;
      after[2 * i + 1] = features[2 * i + 1] * 1.01f;
    }
    Vec2List zero = Vec2List.copyOf(new float[2 * classes]);
    StepSnapshot.HeadParameters head =
        this.head != null
            ? this.head
            : new StepSnapshot.HeadParameters(
                zero, Optional.of(FloatVector.copyOf(new float[classes])));
    return new StepSnapshot(
        step,
        1,
        hyperparameters,
        hyperparameters.marginAt(step - 1),
        hyperparameters.learningRateAt(step - 1),
        new StepSnapshot.Scalars(
            lossSoftmax, lossCenter, lossSoftmax + hyperparameters.lambda() * lossCenter, 0.5, 1.0),
        new StepSnapshot.Batch(
            IntVector.copyOf(labels),
            Vec2List.copyOf(features),
            Optional.of(Vec2List.copyOf(after)),
            IntVector.copyOf(counts)),
        new StepSnapshot.CenterMove(
            centersBefore != null ? centersBefore : zero,
            centersAfter != null ? centersAfter : zero,
            zero),
        head,
        head,
        40,
        probe,
        divergence.map(why -> Message.of("trainer.diverged", step, why, why, why)));
  }
}
