package lab.centerloss.train;

/**
 * Whole runs for the benchmarks that ask how a recipe behaves across seeds: how long it takes to
 * reach an accuracy, and whether it stays stable. Steps are timed alone (the probes in between are
 * not part of training time), as a class waiting for the picture would count.
 */
public final class SeedRuns {
  private SeedRuns() {}

  /**
   * @param reachedStep the first step whose probe reached the target, or -1
   * @param trainSeconds seconds in training steps until then (or in all steps when not reached)
   * @param msPerStep the mean milliseconds of a step
   * @param divergedStep the step whose loss became NaN or infinite, or -1
   * @param maxGradientNorm the largest gradient norm seen, and {@code maxGradientStep} its step
   * @param finalAccuracy the probe's accuracy after the last step (NaN when not measured)
   */
  public record Outcome(
      long seed,
      long reachedStep,
      double trainSeconds,
      double msPerStep,
      long divergedStep,
      double maxGradientNorm,
      long maxGradientStep,
      long steps,
      double finalAccuracy) {}

  /**
   * Trains one seed until the probe (the first {@code probeSize} test images, every {@code
   * probeEvery} steps) reaches {@code target}, or {@code maxSteps}; with a target above 1, all
   * {@code maxSteps} and a final probe of the whole test set.
   */
  public static Outcome run(
      TrainingEngine engine,
      Hyperparameters hp,
      double target,
      int probeSize,
      int probeEvery,
      int maxSteps) {
    StepTotals totals = new StepTotals();
    boolean untilAccuracy = target <= 1;
    try (TrainingSession session = engine.newSession(hp)) {
      RunDriver driver =
          RunDriver.of(session, probeSize)
              .checking(untilAccuracy ? ProbeSchedule.every(probeEvery) : ProbeSchedule.NEVER)
              .into(totals);
      StopRule stop = StopRule.atStep(maxSteps);
      RunDriver.Outcome outcome =
          driver.run(hp, untilAccuracy ? stop.orAccuracyAtLeast(target) : stop);
      long lastStep = outcome.last().map(StepSnapshot::step).orElse(0L);
      boolean reached = outcome.ending() == StopRule.Ending.ACCURACY_REACHED;
      boolean diverged = outcome.ending() == StopRule.Ending.DIVERGED;
      double finalAccuracy =
          !untilAccuracy && !diverged ? session.evaluateTestSet(hp.head()).accuracy() : Double.NaN;
      return new Outcome(
          hp.seed(),
          reached ? lastStep : -1,
          totals.trainMillis / 1000,
          lastStep == 0 ? 0 : totals.trainMillis / lastStep,
          diverged ? lastStep : -1,
          totals.maxNorm,
          totals.maxNormStep,
          lastStep,
          finalAccuracy);
    }
  }

  /** Time in steps and the largest gradient norm of the steps that did not diverge. */
  private static final class StepTotals implements RunDriver.Sink {
    double trainMillis;
    double maxNorm;
    long maxNormStep;

    @Override
    public void onSnapshot(StepSnapshot s) {
      trainMillis += s.stepMillis();
      if (!s.diverged() && s.scalars().gradientNorm() > maxNorm) {
        maxNorm = s.scalars().gradientNorm();
        maxNormStep = s.step();
      }
    }
  }
}
