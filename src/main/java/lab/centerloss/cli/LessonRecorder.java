package lab.centerloss.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.centerloss.lesson.Lesson;
import lab.centerloss.lesson.LessonAction;
import lab.centerloss.lesson.LessonRecordings;
import lab.centerloss.store.RunFile;
import lab.centerloss.store.RunFileException;
import lab.centerloss.store.RunRecord;
import lab.centerloss.text.AppInfo;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.CheckpointKeeping;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.ProbeSchedule;
import lab.centerloss.train.RunDriver;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.StopRule;
import lab.centerloss.train.TrainingEngine;
import lab.centerloss.train.TrainingSession;

/**
 * {@code lesson NAME --record}: trains each recordable segment of a lesson ({@link
 * LessonRecordings#segments}) through the one training loop, from the lesson's seed with its
 * settings, as the window would on Next, and writes the compact run files and their manifest.
 *
 * <p>Compact: every step's scalars, centers and head, as any run file; the batch's labels and
 * features only at the step each lesson step ends at (where the class looks); the probe of test
 * images at the steps {@link #PROBES} names (the timeline's cloud between them is the latest
 * before) and at each end; checkpoints at the start, every {@value
 * CheckpointKeeping#SPARSE_SPACING} steps and at each end, so that entering a step continues live
 * from its end at once and "Continue from here" re-trains at most that many steps.
 */
final class LessonRecorder {
  /**
   * When a recording probes (and checks an accuracy the lesson waits for): often early, where the
   * cloud moves fastest, sparsely later.
   */
  static final ProbeSchedule PROBES =
      (step, lastStep) ->
          lastStep
              || (step <= 100 ? step % 10 == 0 : step <= 1000 ? step % 50 == 0 : step % 100 == 0);

  /**
   * When a recorded comparison's run probes: a comparison's planes show the points of probed steps
   * only, and four runs share the recordings' size limit, so more sparsely than a single run.
   */
  static final ProbeSchedule COMPARED_PROBES =
      (step, lastStep) ->
          lastStep
              || (step <= 100 ? step % 20 == 0 : step <= 1000 ? step % 100 == 0 : step % 250 == 0);

  private final TrainingEngine engine;
  private final int probeSize;
  private final PrintWriter console;

  LessonRecorder(TrainingEngine engine, int probeSize, PrintWriter console) {
    this.engine = engine;
    this.probeSize = probeSize;
    this.console = console;
  }

  /** Writes the lesson's recordings and manifest into the folder; returns the manifest. */
  LessonRecordings.Manifest record(Lesson lesson, Path folder, String dataFingerprint)
      throws IOException {
    Files.createDirectories(folder);
    List<LessonRecordings.Entry> entries = new ArrayList<>();
    List<LessonRecordings.Segment> segments = LessonRecordings.segments(lesson);
    for (LessonRecordings.Segment segment : segments) {
      long started = System.nanoTime();
      Recorded recorded = recordSegment(lesson, segment);
      Path file = folder.resolve(segment.fileName(lesson.name()));
      LessonRecordings.Entry entry =
          written(recorded.run(), file, segment.start(), 0, recorded.ends(), started);
      entries.add(entry);
      console.println(
          Messages.text(
              "lesson.record.segment",
              segment.start() + 1,
              recorded.run().lastStep(),
              file,
              entry.bytes() / 1e6,
              entry.seconds()));
      console.flush();
    }
    for (LessonRecordings.ComparisonPart part : LessonRecordings.comparisonParts(lesson)) {
      entries.addAll(recordComparison(lesson, part, folder));
    }
    LessonRecordings.Manifest manifest =
        new LessonRecordings.Manifest(
            new LessonRecordings.Made(
                lesson.name(),
                AppInfo.VERSION,
                TrainingEngine.libtorchVersion(),
                engine.deviceName(),
                engine.threads(),
                dataFingerprint,
                LocalDate.now(ZoneOffset.UTC).toString()),
            entries);
    AtomicFiles.writeString(
        folder.resolve(LessonRecordings.manifestName(lesson.name())),
        new String(LessonRecordings.manifestJson(manifest), StandardCharsets.UTF_8));
    return manifest;
  }

  private record Recorded(RunRecord run, Map<Integer, Long> ends) {}

  /**
   * Writes a recorded run and gives its line of the manifest: its size and SHA-256 as written, and
   * the seconds since {@code started} (its training included).
   */
  private static LessonRecordings.Entry written(
      RunRecord run, Path file, int start, int runNumber, Map<Integer, Long> ends, long started)
      throws IOException {
    try {
      RunFile.write(run, file, AppInfo.VERSION);
    } catch (RunFileException e) {
      throw new UserError(e.getMessage());
    }
    byte[] bytes = Files.readAllBytes(file);
    return new LessonRecordings.Entry(
        start,
        runNumber,
        file.getFileName().toString(),
        bytes.length,
        LessonRecordings.sha256(bytes),
        ends,
        (System.nanoTime() - started) / 1e9);
  }

  /**
   * Every run of a comparison, each into its file; none when one of them diverges (that comparison
   * then trains live in the window, and the console says why).
   */
  private List<LessonRecordings.Entry> recordComparison(
      Lesson lesson, LessonRecordings.ComparisonPart part, Path folder) throws IOException {
    List<LessonRecordings.Entry> entries = new ArrayList<>();
    for (int r = 1; r <= part.runs().size(); r++) {
      long started = System.nanoTime();
      RunRecord run = recordComparedRun(part.runs().get(r - 1), part.untilStep());
      boolean diverged =
          run.latest().map(lab.centerloss.train.StepSnapshot::diverged).orElse(false);
      if (diverged || run.lastStep() != part.untilStep()) {
        console.println(
            Messages.text("lesson.record.comparedDiverged", part.step() + 1, r, run.lastStep()));
        console.flush();
        for (LessonRecordings.Entry written : entries) {
          Files.deleteIfExists(folder.resolve(written.file()));
        }
        return List.of();
      }
      Path file = folder.resolve(part.fileName(lesson.name(), r));
      LessonRecordings.Entry entry =
          written(run, file, part.step(), r, Map.of(part.step(), part.untilStep()), started);
      entries.add(entry);
      console.println(
          Messages.text(
              "lesson.record.compared",
              part.step() + 1,
              r,
              part.runs().size(),
              run.lastStep(),
              file,
              entry.bytes() / 1e6,
              entry.seconds()));
      console.flush();
    }
    return entries;
  }

  /**
   * One run of a comparison, trained alone to the step the comparison pauses at: the same settings
   * and seed as its pane, so the same initial weights and the same batches (side by side, each run
   * has one libtorch thread, so the last digits of its numbers may differ). No checkpoints: a
   * recorded comparison is shown, and "Train it live" trains the comparison again from the seed.
   */
  private RunRecord recordComparedRun(Hyperparameters settings, long untilStep) {
    Compact sink = new Compact();
    try (TrainingSession session = engine.newSession(settings)) {
      RunDriver driver =
          RunDriver.of(session, probeSize)
              .recordingProbes(COMPARED_PROBES)
              .keepingCheckpoints(CheckpointKeeping.NONE)
              .into(sink);
      driver.origin(settings);
      driver.run(settings, StopRule.atStep(untilStep));
      sink.flush();
      return sink.recording.record();
    }
  }

  private Recorded recordSegment(Lesson lesson, LessonRecordings.Segment segment) {
    var settings = segment.settings();
    Compact sink = new Compact();
    Map<Integer, Long> ends = new LinkedHashMap<>();
    try (TrainingSession session = engine.newSession(settings)) {
      RunDriver driver =
          RunDriver.of(session, probeSize)
              .recordingProbes(PROBES)
              .checking(PROBES)
              .keepingCheckpoints(CheckpointKeeping.SPARSE)
              .into(sink);
      driver.origin(settings);
      for (int index : segment.trainSteps()) {
        LessonAction action = lesson.steps().get(index).action();
        if (action instanceof LessonAction.TrainUntilStep until) {
          if (session.stepsDone() < until.step()) {
            driver.run(settings, StopRule.atStep(until.step()));
          }
        } else if (action instanceof LessonAction.TrainUntilAccuracy until) {
          // as the window: nothing to train when the run already stands at that accuracy
          if (!(sink.lastCheck >= until.accuracy()) && session.stepsDone() < until.maxSteps()) {
            driver.run(
                settings, StopRule.atStep(until.maxSteps()).orAccuracyAtLeast(until.accuracy()));
          }
        }
        if (sink.diverged) {
          break;
        }
        long end = session.stepsDone();
        sink.endHere(session);
        ends.put(index, end);
      }
      return new Recorded(sink.recording.record(), ends);
    }
  }

  /**
   * The run as the recording keeps it: a step's batch details only when it is where a lesson step
   * ends (a step is held back until the next one shows it is not), a checkpoint at each end.
   */
  private static final class Compact implements RunDriver.Sink {
    final RunRecording recording = new RunRecording();
    StepSnapshot pending;
    double lastCheck = Double.NaN;
    boolean diverged;

    @Override
    public void onOrigin(RunOrigin origin) {
      recording.onOrigin(origin);
    }

    @Override
    public void onSnapshot(StepSnapshot snapshot) {
      if (pending != null) {
        recording.onSnapshot(pending.withoutBatchDetails().withProbe(pending.probe()));
      }
      pending = snapshot;
      lastCheck = Double.NaN;
    }

    @Override
    public void onCheck(StepSnapshot snapshot, ProbeResult probe) {
      lastCheck = probe.accuracy();
    }

    @Override
    public void onCheckpoint(Checkpoint checkpoint) {
      recording.onCheckpoint(checkpoint);
    }

    @Override
    public void onDivergence(StepSnapshot snapshot) {
      diverged = true;
    }

    /** The step held back, without its batch details (a comparison keeps none). */
    void flush() {
      if (pending != null) {
        recording.onSnapshot(pending.withoutBatchDetails().withProbe(pending.probe()));
        pending = null;
      }
    }

    /** A lesson step ends here: the step kept whole, a checkpoint of it. */
    void endHere(TrainingSession session) {
      if (pending != null) {
        recording.onSnapshot(pending);
        pending = null;
      }
      RunRecord run = recording.record();
      List<Checkpoint> kept = run.checkpoints();
      if (kept.isEmpty() || kept.get(kept.size() - 1).step() != session.stepsDone()) {
        recording.onCheckpoint(session.checkpoint());
      }
    }
  }
}
