package lab.centerloss.train;

/**
 * A run before its first step: the untrained network's probe features (all near the origin: where
 * the story starts), the centers where they start, the head's initial weights, and the data it
 * trains on, named by its fingerprint.
 *
 * @param dataFingerprint SHA-256 of the data set's images and labels, see {@code
 *     MnistDataSet#fingerprint}
 */
public record RunOrigin(
    Hyperparameters hyperparameters,
    Vec2List centers,
    StepSnapshot.HeadParameters head,
    ProbeResult probe,
    String dataFingerprint) {

  public int classes() {
    return centers.size();
  }
}
