package lab.centerloss.train;

import java.util.List;

/**
 * What a {@link ComparisonTrainer} publishes, on its own thread; implementations must not block.
 * Everything of one plan carries the plan's number, so that a front end can tell a late step of a
 * replaced plan from the new one's.
 */
public interface ComparisonListener {
  /** The panes of a new plan before its first step. */
  default void onOrigins(long plan, List<RunOrigin> origins) {}

  /** One step of every run still training, all panes at once so that they stay in step. */
  default void onSteps(long plan, List<Comparison.PaneStep> steps) {}

  default void onStatus(TrainerStatus status) {}
}
