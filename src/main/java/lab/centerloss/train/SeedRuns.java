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
    double trainMillis = 0;
    long reached = -1;
    double reachedSeconds = -1;
    long diverged = -1;
    double maxNorm = 0;
    long maxNormStep = 0;
    long steps = 0;
    try (TrainingSession session = engine.newSession(hp)) {
      for (int i = 1; i <= maxSteps; i++) {
        StepSnapshot s = session.step(hp, false);
        steps = s.step();
        trainMillis += s.stepMillis();
        if (s.diverged()) {
          diverged = s.step();
          break;
        }
        if (s.scalars().gradientNorm() > maxNorm) {
          maxNorm = s.scalars().gradientNorm();
          maxNormStep = s.step();
        }
        if (target <= 1
            && i % probeEvery == 0
            && session.probe(probeSize, hp.head()).accuracy() >= target) {
          reached = s.step();
          reachedSeconds = trainMillis / 1000;
          break;
        }
      }
      double finalAccuracy =
          target > 1 && diverged < 0 ? session.evaluateTestSet(hp.head()).accuracy() : Double.NaN;
      return new Outcome(
          hp.seed(),
          reached,
          reached > 0 ? reachedSeconds : trainMillis / 1000,
          steps == 0 ? 0 : trainMillis / steps,
          diverged,
          maxNorm,
          maxNormStep,
          steps,
          finalAccuracy);
    }
  }
}
