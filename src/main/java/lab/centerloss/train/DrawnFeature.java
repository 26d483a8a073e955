package lab.centerloss.train;

import java.util.Optional;

/**
 * Where a drawn digit lands: its feature under the network after {@code step} steps, and the digit
 * the head predicts for it.
 *
 * @param x where the plane draws it (the feature itself for a 2-D feature, else its projection)
 * @param y the other coordinate of that point
 * @param full for a feature of more than two dimensions: the feature itself (one row) with the
 *     centers and the head's weights of the same step, which every score is computed from; empty
 *     for a 2-D feature, whose point is the feature
 */
public record DrawnFeature(
    long step, double x, double y, int predictedDigit, Optional<ProbeResult.Full> full) {

  /** A drawn digit's 2-D feature. */
  public DrawnFeature(long step, double x, double y, int predictedDigit) {
    this(step, x, y, predictedDigit, Optional.empty());
  }
}
