package lab.centerloss.testing;

import lab.centerloss.store.RunRecord;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.Vec2List;

/**
 * Runs made of blank steps for tests that need a run's shape, not its numbers (a recording, a file
 * opened): an origin with every center and probe point at zero, one probe image per class, and
 * steps 1 to N with the settings given.
 */
public final class BlankRuns {
  private BlankRuns() {}

  /** A run of {@code steps} blank steps, without probes after the origin's. */
  public static RunRecord of(Hyperparameters hp, long steps) {
    return of(hp, steps, false);
  }

  /**
   * @param probeEachStep whether every step carries the origin's probe (panes that show probed
   *     steps only)
   */
  public static RunRecord of(Hyperparameters hp, long steps, boolean probeEachStep) {
    int classes = hp.classDigits().length;
    ProbeResult probe =
        new ProbeResult(
            0,
            Vec2List.copyOf(new float[2 * classes]),
            IntVector.copyOf(new int[classes]),
            IntVector.copyOf(new int[classes]));
    RunRecord run =
        new RunRecord(
            new RunOrigin(
                hp,
                Vec2List.copyOf(new float[2 * classes]),
                SnapshotBuilder.aStep().build().head(),
                probe,
                "0".repeat(64)));
    for (long step = 1; step <= steps; step++) {
      SnapshotBuilder snapshot = SnapshotBuilder.aStep().step(step).hyperparameters(hp);
      run.add((probeEachStep ? snapshot.probe(probe) : snapshot).build());
    }
    return run;
  }
}
