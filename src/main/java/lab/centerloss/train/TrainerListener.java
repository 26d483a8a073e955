package lab.centerloss.train;

/**
 * Receives what the trainer publishes. Called on the trainer's thread: an implementation must
 * return at once (hand the value to another thread; never block, never touch a UI node).
 */
public interface TrainerListener {
  /** A new run (at start, after a reset) stands at step 0. */
  default void onOrigin(RunOrigin origin) {}

  default void onSnapshot(StepSnapshot snapshot) {}

  /** A checkpoint from which the run can go on exactly (see {@link Checkpoint}). */
  default void onCheckpoint(Checkpoint checkpoint) {}

  default void onStatus(TrainerStatus status) {}
}
