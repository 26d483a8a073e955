package lab.centerloss.train;

import java.util.Objects;
import java.util.Optional;
import lab.centerloss.train.StopRule.Ending;

/**
 * The one training loop: trains a session step by step and applies the policies every caller
 * shares, each named once: when to probe the test images ({@link ProbeSchedule}), when to keep a
 * checkpoint ({@link CheckpointKeeping}), when to stop ({@link StopRule}; a diverged step always
 * stops), and hands what happens to a {@link Sink}. The commands, the benchmarks and the tests that
 * train without a window go through {@link #run}; a trainer that decides between steps (the
 * window's) calls {@link #step} once a step.
 *
 * <p>A step goes: train; probe when the recorded schedule or the caller asks (the probe rides along
 * with the snapshot) or when a check is due (a step that diverged is never checked); the snapshot
 * to the sink; a checkpoint when due; then divergence, or a check and the stop rule. Probes are
 * deterministic, so one probe serves a recorded probe and a check of the same step.
 *
 * <p>A driver is immutable: {@code with} methods make a changed copy. It calls the session, so it
 * is used on the session's thread.
 */
public final class RunDriver {
  /**
   * What a driver trains: a {@link TrainingSession}, or a stand-in that answers the same calls (a
   * benchmark's synthetic run, a test's fake).
   */
  public interface Session {
    long stepsDone();

    StepSnapshot step(Hyperparameters hyperparameters, boolean withFeaturesAfter);

    ProbeResult probe(int size, HeadKind head);

    Checkpoint checkpoint();

    RunOrigin origin(Hyperparameters hyperparameters, int probeSize);
  }

  /** Where a driven run's results go; each method does nothing unless overridden. */
  public interface Sink {
    /** The run before its first step (from {@link #origin}). */
    default void onOrigin(RunOrigin origin) {}

    /** Every step, a diverged one included, with its probe when one was recorded. */
    default void onSnapshot(StepSnapshot snapshot) {}

    /** A check of the test images after a step that did not diverge. */
    default void onCheck(StepSnapshot snapshot, ProbeResult probe) {}

    /** A checkpoint kept (after the origin, or after a step). */
    default void onCheckpoint(Checkpoint checkpoint) {}

    /** The step was refused: its loss was NaN or infinite. The run ends here. */
    default void onDivergence(StepSnapshot snapshot) {}
  }

  /**
   * One step as driven.
   *
   * @param snapshot the step, with its probe when one was recorded
   * @param probe the probe taken after this step (recorded or a check), if one was
   * @param ending why the run ends after this step, if it does
   */
  public record Stepped(
      StepSnapshot snapshot, Optional<ProbeResult> probe, Optional<Ending> ending) {}

  /**
   * How a run ended.
   *
   * @param last the last step trained, with its recorded probe; empty when no step was
   */
  public record Outcome(Ending ending, Optional<StepSnapshot> last) {}

  private static final Sink NO_SINK = new Sink() {};

  private final Session session;
  private final int probeSize;
  private final boolean featuresAfter;
  private final ProbeSchedule recorded;
  private final ProbeSchedule checks;
  private final CheckpointKeeping checkpoints;
  private final Sink sink;

  private RunDriver(
      Session session,
      int probeSize,
      boolean featuresAfter,
      ProbeSchedule recorded,
      ProbeSchedule checks,
      CheckpointKeeping checkpoints,
      Sink sink) {
    this.session = Objects.requireNonNull(session);
    this.probeSize = probeSize;
    this.featuresAfter = featuresAfter;
    this.recorded = Objects.requireNonNull(recorded);
    this.checks = Objects.requireNonNull(checks);
    this.checkpoints = Objects.requireNonNull(checkpoints);
    this.sink = Objects.requireNonNull(sink);
  }

  /**
   * A driver of this session that probes the first {@code probeSize} test images when it probes; by
   * default it probes never, keeps no checkpoint, skips the features after each step and tells no
   * one.
   */
  public static RunDriver of(Session session, int probeSize) {
    return new RunDriver(
        session,
        probeSize,
        false,
        ProbeSchedule.NEVER,
        ProbeSchedule.NEVER,
        CheckpointKeeping.NONE,
        NO_SINK);
  }

  /** Probes recorded with the snapshots (a saved run's timeline, a frame's test cloud). */
  public RunDriver recordingProbes(ProbeSchedule schedule) {
    return new RunDriver(session, probeSize, featuresAfter, schedule, checks, checkpoints, sink);
  }

  /**
   * Checks: probes for the accuracy the stop rule and the sink's progress read, not recorded with
   * the snapshot.
   */
  public RunDriver checking(ProbeSchedule schedule) {
    return new RunDriver(session, probeSize, featuresAfter, recorded, schedule, checkpoints, sink);
  }

  public RunDriver keepingCheckpoints(CheckpointKeeping keeping) {
    return new RunDriver(session, probeSize, featuresAfter, recorded, checks, keeping, sink);
  }

  /**
   * Whether each step also runs the batch through the moved network to record where its features
   * went (a third of a step on a CPU: only a record of every step shows them).
   */
  public RunDriver withFeaturesAfter(boolean withFeaturesAfter) {
    return new RunDriver(
        session, probeSize, withFeaturesAfter, recorded, checks, checkpoints, sink);
  }

  public RunDriver into(Sink destination) {
    return new RunDriver(
        session, probeSize, featuresAfter, recorded, checks, checkpoints, destination);
  }

  public long stepsDone() {
    return session.stepsDone();
  }

  /**
   * The run as it stands before its next step, to the sink, and the checkpoint of that point when
   * checkpoints are kept.
   */
  public RunOrigin origin(Hyperparameters hyperparameters) {
    RunOrigin origin = session.origin(hyperparameters, probeSize);
    sink.onOrigin(origin);
    if (checkpoints.due(session.stepsDone(), hyperparameters.model())) {
      sink.onCheckpoint(session.checkpoint());
    }
    return origin;
  }

  /**
   * Trains with these settings until the rule stops the run; nothing when the run is already at the
   * rule's step.
   */
  public Outcome run(Hyperparameters hyperparameters, StopRule stop) {
    StepSnapshot last = null;
    while (stop.allowsStepAfter(session.stepsDone())) {
      Stepped stepped = step(hyperparameters, featuresAfter, false, stop);
      last = stepped.snapshot();
      if (stepped.ending().isPresent()) {
        return new Outcome(stepped.ending().get(), Optional.of(last));
      }
    }
    return new Outcome(Ending.STEP_REACHED, Optional.ofNullable(last));
  }

  /**
   * One step with the policies applied, for a trainer that decides between steps; no stop rule but
   * divergence.
   *
   * @param withFeaturesAfter see {@link #withFeaturesAfter}
   * @param probeAnyway probe after this step whatever the schedule says (a single step, the step a
   *     run pauses at, a run without a probe yet)
   */
  public Stepped step(
      Hyperparameters hyperparameters, boolean withFeaturesAfter, boolean probeAnyway) {
    return step(hyperparameters, withFeaturesAfter, probeAnyway, StopRule.never());
  }

  private Stepped step(
      Hyperparameters hyperparameters,
      boolean withFeaturesAfter,
      boolean probeAnyway,
      StopRule stop) {
    StepSnapshot snapshot = session.step(hyperparameters, withFeaturesAfter);
    long step = snapshot.step();
    boolean lastStep = step >= stop.lastStep();
    boolean record = probeAnyway || recorded.due(step, lastStep);
    boolean check = !snapshot.diverged() && checks.due(step, lastStep);
    ProbeResult probe = null;
    if (record || check) {
      HeadKind head = hyperparameters.head();
      probe =
          record
              ? recorded.take(() -> session.probe(probeSize, head))
              : session.probe(probeSize, head);
    }
    StepSnapshot shown = record ? snapshot.withProbe(probe) : snapshot;
    sink.onSnapshot(shown);
    if (checkpoints.due(step, hyperparameters.model())) {
      sink.onCheckpoint(session.checkpoint());
    }
    Optional<Ending> ending;
    if (snapshot.diverged()) {
      sink.onDivergence(shown);
      ending = Optional.of(Ending.DIVERGED);
    } else {
      if (check) {
        sink.onCheck(shown, probe);
      }
      ending = stop.after(step, check ? probe.accuracy() : Double.NaN);
    }
    return new Stepped(shown, Optional.ofNullable(probe), ending);
  }
}
