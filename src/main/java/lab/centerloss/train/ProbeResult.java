package lab.centerloss.train;

/**
 * The features and predictions of a fixed set of test images after a given step.
 *
 * @param step number of training steps done when it was taken
 */
public record ProbeResult(long step, Vec2List features, IntVector labels, IntVector predictions) {
    public int size() {
        return labels.size();
    }

    /** Fraction of correctly predicted images. */
    public double accuracy() {
        int correct = 0;
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i) == predictions.get(i)) {
                correct++;
            }
        }
        return labels.size() == 0 ? 0 : (double) correct / labels.size();
    }
}
