package lab.centerloss.train;

import java.util.concurrent.atomic.AtomicLong;

/**
 * "Train until step N, then pause" (a lesson's "train to step 300"), shared by the trainers: set
 * from any thread, checked on the trainer's thread between steps, so that no step past N is
 * trained.
 */
final class StopAtStep {
  private final AtomicLong step = new AtomicLong();

  /** Pause once the run reaches this step (at least step 1). */
  void at(long target) {
    step.set(Math.max(1, target));
  }

  /** No step to stop at: Play, Pause, Reset and a branch forget it. */
  void clear() {
    step.set(0);
  }

  /**
   * Whether a step with this number is where to stop; if so the limit is spent (unless another was
   * set meanwhile), so a later Play runs on.
   */
  boolean reached(long stepNumber) {
    long target = step.get();
    if (target > 0 && stepNumber >= target) {
      step.compareAndSet(target, 0);
      return true;
    }
    return false;
  }
}
