package lab.centerloss.train;

/**
 * Where a drawn digit lands: its 2-D feature under the network after {@code step} steps, and the
 * digit the head predicts for it.
 */
public record DrawnFeature(long step, double x, double y, int predictedDigit) {}
