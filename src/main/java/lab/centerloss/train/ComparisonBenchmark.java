package lab.centerloss.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How fast the window's comparison trains, against what the machine can do: N runs of the lambda
 * preset stepped together, each on its worker thread ({@link Comparison}), probed as the {@link
 * Trainer} probes them (as often as costs a fifth of the time), the way the window drives them at
 * full speed; and, in the same measurement, one run alone on one thread doing the same work (the
 * same steps and probes). N runs cost N times one run's arithmetic, and a run's ops each use one
 * thread, so the most the comparison can reach is the run alone times the cores it can use, shared
 * by the N runs: {@code alone × min(N, processors) / N} steps per second per run.
 */
public final class ComparisonBenchmark {
  private ComparisonBenchmark() {}

  /**
   * @param stepsPerSecondPerRun steps every run made per second of wall time, probes included
   * @param aloneStepsPerSecond one run alone on one thread, the same steps and probes
   * @param limitStepsPerSecondPerRun {@code alone × min(runs, processors) / runs}
   * @param probeShare the share of the comparison's time spent probing
   * @param workerBusyShare the share of the stepping time the workers spent inside their steps (the
   *     rest: waiting for the slowest run, and the round's handing out and collecting)
   * @param workerCpuShare the share of their time inside steps that the workers' threads ran on a
   *     core (short of 1: kept off it, by each other's libtorch or by other work on the machine)
   * @param aloneCpuMsPerStep processor time per training step of the run alone (probes apart)
   * @param comparedCpuMsPerStep the same for a run of the comparison: above the run alone's, the
   *     runs slow each other's arithmetic (caches, memory); equal, the loss is all in waiting
   */
  public record Result(
      int runs,
      int rounds,
      double seconds,
      double stepsPerSecondPerRun,
      double msPerRound,
      int probes,
      int processors,
      double aloneStepsPerSecond,
      double limitStepsPerSecondPerRun,
      double shareOfLimit,
      double probeShare,
      double workerBusyShare,
      double workerCpuShare,
      double aloneCpuMsPerStep,
      double comparedCpuMsPerStep) {}

  /** The first {@code runs} of lambda 0 / 1 / 0.1 / 0.01: the two ends first. */
  public static List<Hyperparameters> runs(Hyperparameters base, int runs) {
    double[] lambdas = {0, 1, 0.1, 0.01};
    List<Hyperparameters> list = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      list.add(base.withLambda(lambdas[i]));
    }
    return list;
  }

  /** What one paced loop of steps measured. */
  private record Loop(
      double seconds, double probeSeconds, int probes, long[] stepNanos, long[] stepCpuNanos) {}

  /**
   * The comparison between two halves of the run alone (alone, comparison, alone), so that a
   * machine shared with other work weighs on both alike.
   */
  public static Result measure(
      TrainingEngine engine,
      Hyperparameters base,
      int runs,
      int probeSize,
      int warmup,
      int rounds) {
    Comparison.Plan alone = new Comparison.Plan(runs(base, 1), false, Optional.empty());
    Comparison.Plan together = new Comparison.Plan(runs(base, runs), false, Optional.empty());
    int half = Math.max(5, rounds / 2);
    Loop first = loop(engine, alone, probeSize, warmup, half);
    Loop compared = loop(engine, together, probeSize, warmup, rounds);
    Loop second = loop(engine, alone, probeSize, warmup, half);
    double aloneRate = 2.0 * half / (first.seconds() + second.seconds());
    int processors = Runtime.getRuntime().availableProcessors();
    double limit = aloneRate * Math.min(runs, processors) / runs;
    double perRun = rounds / compared.seconds();
    double stepping = compared.seconds() - compared.probeSeconds();
    double busy = 0;
    double cpu = 0;
    for (int r = 0; r < runs; r++) {
      busy += compared.stepNanos()[r] / 1e9;
      cpu += compared.stepCpuNanos()[r] / 1e9;
    }
    double aloneCpu = (first.stepCpuNanos()[0] + second.stepCpuNanos()[0]) / 1e6 / (2.0 * half);
    return new Result(
        runs,
        rounds,
        compared.seconds(),
        perRun,
        compared.seconds() * 1000 / rounds,
        compared.probes(),
        processors,
        aloneRate,
        limit,
        perRun / limit,
        compared.probeSeconds() / compared.seconds(),
        busy / (runs * stepping),
        cpu / busy,
        aloneCpu,
        cpu * 1000 / (runs * (double) rounds));
  }

  private static Loop loop(
      TrainingEngine engine, Comparison.Plan plan, int probeSize, int warmup, int rounds) {
    ProbeSchedule pacing = ProbeSchedule.paced();
    try (Comparison comparison = Comparison.open(engine, plan, probeSize)) {
      comparison.origins();
      for (int i = 0; i < warmup; i++) {
        comparison.step(false);
      }
      long[] busyBefore = comparison.stepNanos();
      long[] cpuBefore = comparison.stepCpuNanos();
      int probes = 0;
      long probeNanos = 0;
      long start = System.nanoTime();
      for (int i = 0; i < rounds; i++) {
        boolean probe = pacing.due(comparison.stepsDone() + 1, false);
        List<Comparison.PaneStep> steps = comparison.step(false);
        if (probe) {
          long probeStart = System.nanoTime();
          pacing.take(() -> comparison.probe(steps));
          probeNanos += System.nanoTime() - probeStart;
          probes++;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long[] busy = comparison.stepNanos();
      long[] cpu = comparison.stepCpuNanos();
      for (int r = 0; r < busy.length; r++) {
        busy[r] -= busyBefore[r];
        cpu[r] -= cpuBefore[r];
      }
      return new Loop(seconds, probeNanos / 1e9, probes, busy, cpu);
    }
  }
}
