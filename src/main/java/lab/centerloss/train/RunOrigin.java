package lab.centerloss.train;

/**
 * A run before its first step: the untrained network's probe features (all near the origin: where
 * the story starts), the centers where they start, and the head's initial weights.
 */
public record RunOrigin(Hyperparameters hyperparameters, Vec2List centers, StepSnapshot.HeadParameters head,
        ProbeResult probe) {
}
