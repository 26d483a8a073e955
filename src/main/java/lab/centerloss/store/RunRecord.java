package lab.centerloss.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;

/**
 * What is kept of one run, bounded however long it trains:
 *
 * <ul>
 *   <li>every step's scalars, centers (before and after), class counts, the paper's deltas and the
 *       head's parameters;
 *   <li>the batch's labels and features for the last {@value #DETAILS_KEPT} steps only (the
 *       step-through's details);
 *   <li>the probe of test images, thinned: every probe up to step {@value #EVERY_PROBE_UNTIL}, then
 *       at least {@value #SPACING_MIDDLE} steps apart up to step {@value #SPACING_MIDDLE_UNTIL},
 *       then at least {@value #SPACING_LATE} steps apart ({@link #probeKept});
 *   <li>the trainer's checkpoints, from which a run can go on from any earlier step.
 * </ul>
 *
 * A step is read back whole with {@link #at}: its stored record with the latest kept probe at or
 * before it. Used from one thread at a time.
 */
public final class RunRecord {
  public static final int DETAILS_KEPT = 2000;
  static final int EVERY_PROBE_UNTIL = 1000;
  static final int SPACING_MIDDLE = 10;
  static final int SPACING_MIDDLE_UNTIL = 10_000;
  static final int SPACING_LATE = 100;

  private RunOrigin origin;
  private final List<StepSnapshot> steps = new ArrayList<>();
  private final List<ProbeResult> probes = new ArrayList<>();
  private final List<Checkpoint> checkpoints = new ArrayList<>();

  /** Index of the first step in {@link #steps} that still has its batch details. */
  private int firstDetailed;

  public RunRecord(RunOrigin origin) {
    this.origin = origin;
  }

  public RunOrigin origin() {
    return origin;
  }

  /**
   * Takes a step in. The same step again (published anew with a newer probe) replaces its first
   * version; a probe it carries is kept if the thinning policy keeps it.
   */
  public void add(StepSnapshot snapshot) {
    snapshot.probe().ifPresent(this::offerProbe);
    StepSnapshot stored = snapshot.withProbe(Optional.empty());
    if (!steps.isEmpty() && steps.get(steps.size() - 1).step() == snapshot.step()) {
      steps.set(steps.size() - 1, stored);
    } else {
      if (!steps.isEmpty() && snapshot.step() <= steps.get(steps.size() - 1).step()) {
        throw new IllegalArgumentException(
            "step " + snapshot.step() + " after step " + steps.get(steps.size() - 1).step());
      }
      steps.add(stored);
    }
    while (steps.size() - firstDetailed > DETAILS_KEPT) {
      steps.set(firstDetailed, steps.get(firstDetailed).withoutBatchDetails());
      firstDetailed++;
    }
  }

  /** A probe of test images; kept when the thinning policy says so. */
  public void offerProbe(ProbeResult probe) {
    if (!probes.isEmpty() && probes.get(probes.size() - 1).step() == probe.step()) {
      probes.set(probes.size() - 1, shareLabels(probe));
      return;
    }
    long lastKept = probes.isEmpty() ? 0 : probes.get(probes.size() - 1).step();
    if (probeKept(probe.step(), lastKept)) {
      probes.add(shareLabels(probe));
    }
  }

  /** A probe kept before (read from a run file), appended as it is. */
  void restoreProbe(ProbeResult probe) {
    probes.add(probe);
  }

  /** The labels are the same for every probe of a run: hold them once. */
  private ProbeResult shareLabels(ProbeResult probe) {
    ProbeResult first = !probes.isEmpty() ? probes.get(0) : origin != null ? origin.probe() : null;
    return first != null
            && probe.labels().equals(first.labels())
            && probe.labels() != first.labels()
        ? new ProbeResult(
            probe.step(),
            probe.features(),
            first.labels(),
            probe.predictions(),
            probe.knownDigits(),
            probe.full())
        : probe;
  }

  /**
   * The thinning policy: is a probe at {@code step} kept, the last kept one being at {@code
   * lastKept}?
   */
  public static boolean probeKept(long step, long lastKept) {
    long spacing =
        step <= EVERY_PROBE_UNTIL
            ? 1
            : step <= SPACING_MIDDLE_UNTIL ? SPACING_MIDDLE : SPACING_LATE;
    return step - lastKept >= spacing;
  }

  public void addCheckpoint(Checkpoint checkpoint) {
    checkpoints.add(checkpoint);
  }

  /** Every kept step, oldest first, without its probe (see {@link #at}). */
  public List<StepSnapshot> steps() {
    return Collections.unmodifiableList(steps);
  }

  /** Every kept probe, oldest first (the origin's probe, at step 0, is not among them). */
  public List<ProbeResult> probes() {
    return Collections.unmodifiableList(probes);
  }

  public List<Checkpoint> checkpoints() {
    return Collections.unmodifiableList(checkpoints);
  }

  public int size() {
    return steps.size();
  }

  public Optional<StepSnapshot> latest() {
    return steps.isEmpty() ? Optional.empty() : Optional.of(withProbe(steps.get(steps.size() - 1)));
  }

  /** The step with this number, whole: its record and the latest kept probe at or before it. */
  public Optional<StepSnapshot> at(long step) {
    int index = indexOf(step);
    return index < 0 ? Optional.empty() : Optional.of(withProbe(steps.get(index)));
  }

  /** The step at a position in {@link #steps()}, whole. */
  public StepSnapshot atIndex(int index) {
    return withProbe(steps.get(index));
  }

  /** The position of a step in {@link #steps()}, or -1. Binary search: the steps are in order. */
  public int indexOf(long step) {
    int low = 0;
    int high = steps.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long found = steps.get(mid).step();
      if (found == step) {
        return mid;
      }
      if (found < step) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return -1;
  }

  private StepSnapshot withProbe(StepSnapshot stored) {
    return stored.withProbe(probeAt(stored.step()));
  }

  /**
   * The latest kept probe at or before a step (the origin's for steps before the first kept one).
   */
  public Optional<ProbeResult> probeAt(long step) {
    int low = 0;
    int high = probes.size() - 1;
    int best = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (probes.get(mid).step() <= step) {
        best = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (best >= 0) {
      return Optional.of(probes.get(best));
    }
    return origin == null ? Optional.empty() : Optional.of(origin.probe());
  }

  /** The latest checkpoint at or before a step. */
  public Optional<Checkpoint> checkpointAtOrBefore(long step) {
    Checkpoint best = null;
    for (Checkpoint c : checkpoints) {
      if (c.step() <= step && (best == null || c.step() > best.step())) {
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The settings in force from each step on where they changed: step 1 first. */
  public List<SettingsChange> settingsChanges() {
    List<SettingsChange> changes = new ArrayList<>();
    Hyperparameters current = null;
    for (StepSnapshot s : steps) {
      if (!s.hyperparameters().equals(current)) {
        current = s.hyperparameters();
        changes.add(new SettingsChange(s.step(), current));
      }
    }
    return changes;
  }

  /** From this step on, these settings were in force. */
  public record SettingsChange(long step, Hyperparameters hyperparameters) {}

  /**
   * A new run that shares this one's steps up to and including {@code step}, and the checkpoints
   * taken by then: the start of a branch. Nothing is copied; records are immutable.
   */
  public RunRecord upTo(long step) {
    RunRecord branch = new RunRecord(origin);
    for (StepSnapshot s : steps) {
      if (s.step() > step) {
        break;
      }
      branch.steps.add(s);
    }
    branch.firstDetailed = Math.min(firstDetailed, branch.steps.size());
    for (ProbeResult p : probes) {
      if (p.step() <= step) {
        branch.probes.add(p);
      }
    }
    for (Checkpoint c : checkpoints) {
      if (c.step() <= step) {
        branch.checkpoints.add(c);
      }
    }
    return branch;
  }

  /**
   * A copy that shares the (immutable) steps, probes and checkpoints: to write on another thread.
   */
  public RunRecord copy() {
    RunRecord copy = new RunRecord(origin);
    copy.steps.addAll(steps);
    copy.probes.addAll(probes);
    copy.checkpoints.addAll(checkpoints);
    copy.firstDetailed = firstDetailed;
    return copy;
  }

  /** The number of the last step, 0 before the first. */
  public long lastStep() {
    return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).step();
  }

  /** The memory the kept arrays take, in bytes: a lower bound that leaves out object headers. */
  public long estimatedBytes() {
    long bytes = 0;
    for (StepSnapshot s : steps) {
      bytes +=
          4L
                  * (2 * s.batch().features().size()
                      + s.batch().labels().size()
                      + s.batch().featuresAfter().map(v -> 2 * v.size()).orElse(0)
                      + s.batch().classCounts().size()
                      + 6 * s.centers().before().size()
                      + 4 * s.head().weights().size()
                      + 2 * s.head().bias().map(b -> b.size()).orElse(0))
              + 160;
    }
    for (ProbeResult p : probes) {
      bytes += 4L * (2 * p.features().size() + p.predictions().size());
      if (p.full().isPresent()) {
        ProbeResult.Full full = p.full().get();
        bytes +=
            4L
                * full.features().dimensions()
                * (full.features().size() + full.centers().size() + full.weights().size());
      }
    }
    if (!probes.isEmpty()) {
      bytes += 4L * probes.get(0).labels().size();
    }
    for (Checkpoint c : checkpoints) {
      for (List<float[]> arrays :
          List.of(c.parameters(), c.optimizerFirst(), c.optimizerSecond())) {
        for (float[] a : arrays) {
          bytes += 4L * a.length;
        }
      }
    }
    return bytes;
  }
}
