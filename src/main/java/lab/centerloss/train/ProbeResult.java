package lab.centerloss.train;

import java.util.Optional;
import lab.centerloss.data.MnistDataSet;

/**
 * The features and predictions of a fixed set of test images after a given step. Labels and
 * predictions are digits; in the open-set split some labels are digits training never saw.
 *
 * <p>With a feature of more than two dimensions, {@code features} are what the plane draws (the
 * projection of {@link FeatureProjection}), and {@code full} holds the features themselves with the
 * centers and the head's weights at the same moment: every figure that compares features
 * (verification, the open-set scores, the exported features) is computed from those, never from the
 * projection.
 *
 * @param step number of training steps done when it was taken
 * @param features the 2-D points the plane draws: the features themselves for a 2-D feature
 * @param knownDigits the digits training sees, as bits (see {@link Hyperparameters#knownDigits()})
 * @param full the d-dimensional features, centers and weights; empty for a 2-D feature
 */
public record ProbeResult(
    long step,
    Vec2List features,
    IntVector labels,
    IntVector predictions,
    int knownDigits,
    Optional<Full> full) {

  /** A probe of a 2-D feature. */
  public ProbeResult(
      long step, Vec2List features, IntVector labels, IntVector predictions, int knownDigits) {
    this(step, features, labels, predictions, knownDigits, Optional.empty());
  }

  /** A probe of the closed set: every digit known. */
  public ProbeResult(long step, Vec2List features, IntVector labels, IntVector predictions) {
    this(step, features, labels, predictions, Hyperparameters.ALL_DIGITS);
  }

  /**
   * The d-dimensional view of a probe.
   *
   * @param features one row per image, as {@code features} of the probe
   * @param centers one row per class of the head, after the step the probe follows
   * @param weights the head's W_j, one row per class
   */
  public record Full(FeatureRows features, FeatureRows centers, FeatureRows weights) {}

  /** d: 2 unless the probe carries features of more dimensions. */
  public int featureDimensions() {
    return full.map(f -> f.features().dimensions()).orElse(2);
  }

  /** Whether {@link #features()} is a projection. */
  public boolean isProjected() {
    return full.isPresent();
  }

  /** The features to compare pairs and scores on: the full ones, never the projection. */
  public FeatureRows comparedFeatures() {
    return full.map(Full::features).orElseGet(() -> FeatureRows.of(features));
  }

  public int size() {
    return labels.size();
  }

  /** How many of the images are another data set's unknowns (--unknown-data), not digits. */
  public int otherDataImages() {
    int n = 0;
    for (int i = 0; i < labels.size(); i++) {
      n += labels.get(i) == MnistDataSet.OTHER_DATA ? 1 : 0;
    }
    return n;
  }

  public boolean isKnown(int index) {
    return Hyperparameters.isKnown(labels.get(index), knownDigits);
  }

  /** Fraction of the known images predicted right: the closed-set accuracy. */
  public double accuracy() {
    int correct = 0;
    int known = 0;
    for (int i = 0; i < labels.size(); i++) {
      if (isKnown(i)) {
        known++;
        if (labels.get(i) == predictions.get(i)) {
          correct++;
        }
      }
    }
    return known == 0 ? 0 : (double) correct / known;
  }
}
