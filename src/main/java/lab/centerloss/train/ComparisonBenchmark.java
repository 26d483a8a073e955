package lab.centerloss.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How fast the window's comparison trains: N runs of the lambda preset stepped together, each on
 * its worker thread ({@link Comparison}), probed as the {@link Trainer} probes them (as often as
 * costs a fifth of the time), the way the window drives them at full speed.
 */
public final class ComparisonBenchmark {
  private ComparisonBenchmark() {}

  /**
   * @param stepsPerSecondPerRun steps every run made per second of wall time, probes included
   */
  public record Result(
      int runs,
      int rounds,
      double seconds,
      double stepsPerSecondPerRun,
      double msPerRound,
      int probes) {}

  /** The first {@code runs} of lambda 0 / 1 / 0.1 / 0.01: the two ends first. */
  public static List<Hyperparameters> runs(Hyperparameters base, int runs) {
    double[] lambdas = {0, 1, 0.1, 0.01};
    List<Hyperparameters> list = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      list.add(base.withLambda(lambdas[i]));
    }
    return list;
  }

  public static Result measure(
      TrainingEngine engine,
      Hyperparameters base,
      int runs,
      int probeSize,
      int warmup,
      int rounds) {
    Comparison.Plan plan = new Comparison.Plan(runs(base, runs), false, Optional.empty());
    ProbeSchedule pacing = ProbeSchedule.paced();
    try (Comparison comparison = Comparison.open(engine, plan, probeSize)) {
      comparison.origins();
      for (int i = 0; i < warmup; i++) {
        comparison.step(false);
      }
      int probes = 0;
      long start = System.nanoTime();
      for (int i = 0; i < rounds; i++) {
        boolean probe = pacing.due(comparison.stepsDone() + 1, false);
        List<Comparison.PaneStep> steps = comparison.step(false);
        if (probe) {
          pacing.take(() -> comparison.probe(steps));
          probes++;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(runs, rounds, seconds, rounds / seconds, seconds * 1000 / rounds, probes);
    }
  }
}
