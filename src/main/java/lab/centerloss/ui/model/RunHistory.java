package lab.centerloss.ui.model;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import lab.centerloss.store.RunRecord;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.Comparison;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.TrainerListener;

/**
 * The run the window shows, and its cursor: the step being shown. Every panel reads the run from
 * here. The steps are kept in a {@link RunRecord} (bounded however long the run); the trainer's
 * thread feeds the live run through {@link #listener()} without ever blocking, and the JavaFX
 * thread takes the new steps in once a frame with {@link #pull()}. A run opened from a file, or an
 * earlier branch, is shown the same way while the live run goes on being fed.
 *
 * <p>The cursor is empty while the view follows the run's end ("live"); set, it holds a step number
 * and {@link #shownProperty()} is that step.
 */
public final class RunHistory {
  /** Filled on the trainer's thread; drained on the JavaFX thread. */
  private final ConcurrentLinkedQueue<Object> incoming = new ConcurrentLinkedQueue<>();

  /** The run the trainer feeds. */
  private RunRecord live;

  /** The run shown: the live one, or one opened from a file, or a kept branch. */
  private RunRecord record;

  private final ReadOnlyObjectWrapper<RunOrigin> origin = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<StepSnapshot> latest = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();

  /**
   * Counts the live runs started (each origin from the trainer): a reset is one even when it equals
   * the last.
   */
  private final ReadOnlyLongWrapper runsStarted = new ReadOnlyLongWrapper();

  private final ReadOnlyBooleanWrapper showingLive = new ReadOnlyBooleanWrapper(true);
  private final ObjectProperty<Long> cursor = new SimpleObjectProperty<>();
  private final ObjectBinding<StepSnapshot> shown;

  private final Feed listener = new Feed();

  /**
   * What a trainer publishes, taken in for the JavaFX thread: the run of pane 0 (a history shows
   * one run; a comparison's panes each have a history of their own, fed by pane).
   */
  public final class Feed implements TrainerListener {
    private Feed() {}

    /** A new run stands at step 0. */
    public void onOrigin(RunOrigin runOrigin) {
      incoming.add(runOrigin);
    }

    public void onSnapshot(StepSnapshot snapshot) {
      incoming.add(snapshot);
    }

    @Override
    public void onCheckpoint(Checkpoint checkpoint) {
      incoming.add(checkpoint);
    }

    @Override
    public void onOrigins(long run, List<RunOrigin> origins) {
      onOrigin(origins.get(0));
    }

    @Override
    public void onSteps(long run, List<Comparison.PaneStep> steps) {
      for (Comparison.PaneStep step : steps) {
        if (step.pane() == 0) {
          onSnapshot(step.snapshot());
        }
      }
    }
  }

  public RunHistory() {
    shown =
        Bindings.createObjectBinding(
            () -> {
              Long at = cursor.get();
              return at == null || record == null
                  ? latest.get()
                  : record.at(at).orElse(latest.get());
            },
            cursor,
            latest,
            revision);
  }

  /** What the trainer must be told so that every step reaches this history. */
  public Feed listener() {
    return listener;
  }

  /**
   * Takes in what the trainer published since the last call, in order: a new origin starts the run
   * afresh; the same step again (with a newer probe) replaces its first version. Call on the JavaFX
   * thread; returns whether anything changed.
   */
  public boolean pull() {
    boolean changed = false;
    Object next;
    while ((next = incoming.poll()) != null) {
      changed = true;
      if (next instanceof RunOrigin runOrigin) {
        live = new RunRecord(runOrigin);
        runsStarted.set(runsStarted.get() + 1);
        if (showingLive.get()) {
          record = live;
          origin.set(runOrigin);
          cursor.set(null);
        }
      } else if (next instanceof StepSnapshot snapshot) {
        if (live == null
            || live.size() > 0 && snapshot.step() < live.steps().get(live.size() - 1).step()) {
          // a new run whose origin was not seen
          live = new RunRecord(live == null ? null : live.origin());
          if (showingLive.get()) {
            record = live;
          }
        }
        live.add(snapshot);
      } else if (next instanceof Checkpoint checkpoint && live != null) {
        live.addCheckpoint(checkpoint);
      }
    }
    if (changed && showingLive.get()) {
      publish();
    }
    return changed && showingLive.get();
  }

  private void publish() {
    latest.set(record == null ? null : record.latest().orElse(null));
    revision.set(revision.get() + 1);
  }

  /**
   * Forgets the live run (a reset, another data folder) and shows the live one; the cursor returns
   * to the end.
   */
  public void clear() {
    live = null;
    record = null;
    origin.set(null);
    cursor.set(null);
    showingLive.set(true);
    publish();
  }

  /** Discards what the trainer published but was not pulled yet (it belongs to a replaced run). */
  public void dropIncoming() {
    incoming.clear();
  }

  /** Shows a run that the trainer does not feed: one opened from a file, or a kept branch. */
  public void show(RunRecord other) {
    record = other;
    origin.set(other.origin());
    showingLive.set(other == live);
    cursor.set(null);
    publish();
  }

  /** Shows the run the trainer feeds again. */
  public void showLive() {
    record = live;
    origin.set(live == null ? null : live.origin());
    showingLive.set(true);
    cursor.set(null);
    publish();
  }

  /**
   * The trainer goes on from here in a new run that starts as {@code start} (the steps of a run up
   * to a branch point, or a run opened from a file): it is fed from now on, and shown.
   */
  public void continueAs(RunRecord start) {
    incoming.clear();
    live = start;
    showLive();
  }

  /** The run the trainer feeds, or null before its first origin. */
  public RunRecord liveRecord() {
    return live;
  }

  /** The run shown, or null before the trainer's first origin. */
  public RunRecord record() {
    return record;
  }

  /** Every kept step, oldest first, without probes (see {@link RunRecord#steps()}). */
  public List<StepSnapshot> steps() {
    return record == null ? List.of() : record.steps();
  }

  /** Every kept probe, oldest first. */
  public List<ProbeResult> probes() {
    return record == null ? List.of() : record.probes();
  }

  public int size() {
    return record == null ? 0 : record.size();
  }

  /** The kept step with this number, whole (with its probe). */
  public Optional<StepSnapshot> at(long step) {
    return record == null ? Optional.empty() : record.at(step);
  }

  /**
   * The network that made the probe a step carries (see {@link ProbedState}); without a probe, the
   * step's own state. Empty when the probe's step is no longer kept.
   */
  public Optional<ProbedState> probedState(StepSnapshot shown) {
    long probeStep = shown.probe().map(ProbeResult::step).orElse(shown.step());
    if (probeStep == shown.step()) {
      return Optional.of(ProbedState.after(shown));
    }
    if (probeStep == 0 && origin.get() != null) {
      RunOrigin start = origin.get();
      return Optional.of(
          new ProbedState(0, start.hyperparameters(), start.head(), start.centers()));
    }
    return at(probeStep).map(ProbedState::after);
  }

  /** The kept step before or after {@code step} (delta -1 or +1), if any. */
  public Optional<StepSnapshot> neighbour(long step, int delta) {
    if (record == null) {
      return Optional.empty();
    }
    int index = record.indexOf(step);
    int other = index + delta;
    return index < 0 || other < 0 || other >= record.size()
        ? Optional.empty()
        : Optional.of(record.atIndex(other));
  }

  /** Shows a past step; the view stops following the run's end. */
  public void showStep(long step) {
    cursor.set(step);
  }

  /** Follows the run's end again. */
  public void goLive() {
    cursor.set(null);
  }

  public ReadOnlyObjectProperty<RunOrigin> originProperty() {
    return origin.getReadOnlyProperty();
  }

  /** The newest step, or null before the first. */
  public ReadOnlyObjectProperty<StepSnapshot> latestProperty() {
    return latest.getReadOnlyProperty();
  }

  /** The step the cursor points at (the latest while live), or null before the first. */
  public ObservableValue<StepSnapshot> shownProperty() {
    return shown;
  }

  /** Empty while live; else the step shown. */
  public ObjectProperty<Long> cursorProperty() {
    return cursor;
  }

  /**
   * Whether the run shown is the one the trainer feeds (not one opened from a file, or a kept
   * branch).
   */
  public ReadOnlyBooleanProperty showingLiveProperty() {
    return showingLive.getReadOnlyProperty();
  }

  /** Counts changes, for listeners that redraw from the whole history. */
  /**
   * Goes up by one each time the trainer starts a live run afresh (a reset, a new seed, a rebuild).
   */
  public ReadOnlyLongProperty runsStartedProperty() {
    return runsStarted.getReadOnlyProperty();
  }

  public ReadOnlyLongProperty revisionProperty() {
    return revision.getReadOnlyProperty();
  }
}
