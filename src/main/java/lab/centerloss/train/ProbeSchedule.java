package lab.centerloss.train;

import java.util.function.Supplier;

/**
 * After which steps a driven run probes the test images (see {@link RunDriver}). A probe of 2,000
 * images costs several training steps, so each caller says how often it needs one: a saved run's
 * timeline every 20 steps, a frame of {@code render} every frame, the window as often as costs a
 * fifth of the time ({@link #paced()}).
 */
public interface ProbeSchedule {
  /** No probes at all. */
  ProbeSchedule NEVER = (step, lastStep) -> false;

  /**
   * Whether a probe is due after this step.
   *
   * @param lastStep whether this step is the last one the run's {@link StopRule} allows
   */
  boolean due(long step, boolean lastStep);

  /** Takes the probe; a schedule that paces itself on the probes' cost times it here. */
  default <T> T take(Supplier<T> probe) {
    return probe.get();
  }

  /** After every {@code steps}-th step (step 20, 40, ... for 20). */
  static ProbeSchedule every(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("a probe every " + steps + " steps");
    }
    return (step, lastStep) -> step % steps == 0;
  }

  /**
   * The window's rule: a probe is due when the time since the last one is at least four times what
   * that one took (smooth motion of the test cloud for at most a fifth of the time), or every so
   * many steps when the window sets it.
   */
  static ProbeSchedule paced() {
    ProbePacing pacing = new ProbePacing();
    return new ProbeSchedule() {
      @Override
      public boolean due(long step, boolean lastStep) {
        return pacing.due(step);
      }

      @Override
      public <T> T take(Supplier<T> probe) {
        return pacing.timed(probe);
      }
    };
  }

  /** This schedule's steps and the last step too (a saved run ends on a probed step). */
  default ProbeSchedule orLastStep() {
    ProbeSchedule schedule = this;
    return new ProbeSchedule() {
      @Override
      public boolean due(long step, boolean lastStep) {
        return lastStep || schedule.due(step, lastStep);
      }

      @Override
      public <T> T take(Supplier<T> probe) {
        return schedule.take(probe);
      }
    };
  }
}
