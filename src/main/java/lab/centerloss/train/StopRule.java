package lab.centerloss.train;

import java.util.Optional;

/**
 * When a driven run stops (see {@link RunDriver}): at a step, or earlier once a check of the test
 * images reaches an accuracy. A step that diverged always ends the run, whatever the rule: the
 * session refused it, and the steps after it would be refused as well.
 */
public final class StopRule {
  /** Why a driven run ended. */
  public enum Ending {
    /** The rule's step was reached. */
    STEP_REACHED,
    /** A check reached the rule's accuracy. */
    ACCURACY_REACHED,
    /** The last step's loss was NaN or infinite. */
    DIVERGED
  }

  private final long lastStep;
  private final double accuracy;

  private StopRule(long lastStep, double accuracy) {
    this.lastStep = lastStep;
    this.accuracy = accuracy;
  }

  /** Stop after step {@code step} (counted from the run's start, not from where it stands). */
  public static StopRule atStep(long step) {
    return new StopRule(step, Double.NaN);
  }

  /** No step to stop at: the window's trainer steps until told otherwise. */
  static StopRule never() {
    return atStep(Long.MAX_VALUE);
  }

  /**
   * This rule, and stop earlier once a check ({@link RunDriver#checking}) measures at least this
   * accuracy.
   */
  public StopRule orAccuracyAtLeast(double target) {
    return new StopRule(lastStep, target);
  }

  /** The last step this rule allows. */
  public long lastStep() {
    return lastStep;
  }

  /** Whether a run that has done this many steps may take another. */
  boolean allowsStepAfter(long stepsDone) {
    return stepsDone < lastStep;
  }

  /**
   * Why the run ends after a step that did not diverge, or empty when it goes on.
   *
   * @param checkedAccuracy the accuracy of the check after this step; NaN when there was none
   */
  Optional<Ending> after(long step, double checkedAccuracy) {
    if (!Double.isNaN(accuracy) && checkedAccuracy >= accuracy) {
      return Optional.of(Ending.ACCURACY_REACHED);
    }
    return step >= lastStep ? Optional.of(Ending.STEP_REACHED) : Optional.empty();
  }
}
