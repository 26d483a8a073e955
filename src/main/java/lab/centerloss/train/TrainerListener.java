package lab.centerloss.train;

import java.util.List;

/**
 * Receives what a trainer publishes: the window's one run and a comparison's runs alike, as panes
 * (the window's run is pane 0 of a plan of one). Everything of one run carries the run's number
 * (the comparison's plan number), so that a front end can tell a late step of a replaced run from
 * the new one's. Called on the trainer's thread: an implementation must return at once (hand the
 * value to another thread; never block, never touch a UI node).
 */
public interface TrainerListener {
  /** A new run (at start, after a reset, a new plan) stands at its first step, one pane each. */
  default void onOrigins(long run, List<RunOrigin> origins) {}

  /** One step of every pane still training, all at once so that they stay in step. */
  default void onSteps(long run, List<Comparison.PaneStep> steps) {}

  /**
   * A checkpoint of a plan of one run, from which it can go on exactly (see {@link Checkpoint}).
   */
  default void onCheckpoint(Checkpoint checkpoint) {}

  default void onStatus(TrainerStatus status) {}
}
