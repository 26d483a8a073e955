package lab.centerloss.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.centerloss.store.RunFile;
import lab.centerloss.store.RunFileException;
import lab.centerloss.store.RunRecord;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.CheckpointKeeping;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ProbeSchedule;
import lab.centerloss.train.RunDriver;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.StopRule;
import lab.centerloss.train.TrainingEngine;
import lab.centerloss.train.TrainingSession;

/**
 * Small real runs for the web page's tests, trained once per test JVM and saved as run files: 40
 * steps at batch 32 with a probe of 500 test images every 4 steps; one of the closed set (center
 * loss, λ 0.1), one of the open-set protocol (2, 3, 4, 5, 8, 9 known, softmax alone).
 */
public final class PageRuns {
  public static final int STEPS = 40;
  public static final int PROBE_EVERY = 4;
  public static final int PROBE_SIZE = 500;

  private static Path folder;

  private PageRuns() {}

  /** The closed-set run's file. */
  public static synchronized Path closedSet() {
    return files().resolve("closed.clab");
  }

  /** The open-set run's file: unknown digits drawn grey and hollow. */
  public static synchronized Path openSet() {
    return files().resolve("open.clab");
  }

  public static RunRecord read(Path file) {
    try {
      return RunFile.read(file).record();
    } catch (RunFileException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path files() {
    if (folder != null) {
      return folder;
    }
    try {
      Path made = Files.createTempDirectory("clab-page-runs-");
      made.toFile().deleteOnExit();
      try (TrainingEngine engine = TrainingEngine.open(TestData.mnist(), DeviceChoice.CPU, 0)) {
        Hyperparameters closed = Hyperparameters.defaults().withBatchSize(32);
        write(engine, closed, made.resolve("closed.clab"));
        write(
            engine,
            closed.withLambda(0).withKnownDigits(Hyperparameters.OPEN_SET_DIGITS).withSeed(2),
            made.resolve("open.clab"));
      }
      made.resolve("closed.clab").toFile().deleteOnExit();
      made.resolve("open.clab").toFile().deleteOnExit();
      folder = made;
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(TrainingEngine engine, Hyperparameters hp, Path target)
      throws Exception {
    try (TrainingSession session = engine.newSession(hp)) {
      Recording recording = new Recording();
      RunDriver driver =
          RunDriver.of(session, PROBE_SIZE)
              .recordingProbes(ProbeSchedule.every(PROBE_EVERY))
              .keepingCheckpoints(CheckpointKeeping.SPACED)
              .into(recording);
      driver.origin(hp);
      driver.run(hp, StopRule.atStep(STEPS));
      RunFile.write(recording.run, target, "test");
    }
  }

  /** The run as its file holds it. */
  private static final class Recording implements RunDriver.Sink {
    RunRecord run;

    @Override
    public void onOrigin(RunOrigin origin) {
      run = new RunRecord(origin);
    }

    @Override
    public void onSnapshot(StepSnapshot snapshot) {
      run.add(snapshot);
    }

    @Override
    public void onCheckpoint(Checkpoint checkpoint) {
      run.addCheckpoint(checkpoint);
    }
  }
}
