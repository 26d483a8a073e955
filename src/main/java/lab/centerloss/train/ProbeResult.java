package lab.centerloss.train;

import lab.centerloss.data.MnistDataSet;

/**
 * The features and predictions of a fixed set of test images after a given step. Labels and
 * predictions are digits; in the open-set split some labels are digits training never saw.
 *
 * @param step number of training steps done when it was taken
 * @param knownDigits the digits training sees, as bits (see {@link Hyperparameters#knownDigits()})
 */
public record ProbeResult(
    long step, Vec2List features, IntVector labels, IntVector predictions, int knownDigits) {

  /** A probe of the closed set: every digit known. */
  public ProbeResult(long step, Vec2List features, IntVector labels, IntVector predictions) {
    this(step, features, labels, predictions, Hyperparameters.ALL_DIGITS);
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
