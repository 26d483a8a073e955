package lab.centerloss.train;

import java.util.function.Supplier;

/**
 * When to probe while training runs. A probe of 2,000 test images costs several training steps, so
 * by default a probe is due when the time since the last one is at least four times what that one
 * took: smooth motion of the test cloud for at most a fifth of the time. A fixed interval in steps
 * replaces the rule when set (a recorded run's timeline wants probes at known steps).
 */
final class ProbePacing {
  private volatile int everySteps;
  private long lastEnd;
  private long lastNanos;

  /** Every this many steps; 0 for the time rule. */
  void setEverySteps(int steps) {
    everySteps = Math.max(0, steps);
  }

  boolean due(long step) {
    int every = everySteps;
    if (every > 0) {
      return step % every == 0;
    }
    return System.nanoTime() - lastEnd >= 4 * lastNanos;
  }

  /** Runs a probe and notes how long it took. */
  <T> T timed(Supplier<T> probe) {
    long start = System.nanoTime();
    T result = probe.get();
    lastEnd = System.nanoTime();
    lastNanos = lastEnd - start;
    return result;
  }
}
