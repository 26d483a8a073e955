package lab.centerloss.ui.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.TrainerListener;

/**
 * The one store of a run's past steps, and its cursor: the step being shown. Every panel reads
 * the run from here; the trainer's thread feeds it through {@link #listener()} without ever
 * blocking, and the JavaFX thread takes the new steps in once a frame with {@link #pull()}.
 *
 * <p>The cursor is empty while the view follows the training end ("live"); set, it holds a step
 * number and {@link #shownProperty()} is that step.
 */
public final class RunHistory {
    /** Filled on the trainer's thread; drained on the JavaFX thread. */
    private final ConcurrentLinkedQueue<Object> incoming = new ConcurrentLinkedQueue<>();
    private final List<StepSnapshot> steps = new ArrayList<>();
    private final ReadOnlyObjectWrapper<RunOrigin> origin = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<StepSnapshot> latest = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();
    private final ObjectProperty<Long> cursor = new SimpleObjectProperty<>();
    private final ObjectBinding<StepSnapshot> shown;

    private final TrainerListener listener = new TrainerListener() {
        @Override
        public void onOrigin(RunOrigin runOrigin) {
            incoming.add(runOrigin);
        }

        @Override
        public void onSnapshot(StepSnapshot snapshot) {
            incoming.add(snapshot);
        }
    };

    public RunHistory() {
        shown = Bindings.createObjectBinding(() -> {
            Long at = cursor.get();
            return at == null ? latest.get() : at(at).orElse(latest.get());
        }, cursor, latest, revision);
    }

    /** What the trainer must be told so that every step reaches this history. */
    public TrainerListener listener() {
        return listener;
    }

    /**
     * Takes in what the trainer published since the last call, in order: a new origin starts the
     * history afresh; the same step published again (with a newer probe) replaces its first
     * version. Call on the JavaFX thread; returns whether anything changed.
     */
    public boolean pull() {
        boolean changed = false;
        Object next;
        while ((next = incoming.poll()) != null) {
            changed = true;
            if (next instanceof RunOrigin runOrigin) {
                clear();
                origin.set(runOrigin);
            } else if (next instanceof StepSnapshot snapshot) {
                take(snapshot);
            }
        }
        if (changed) {
            latest.set(steps.isEmpty() ? null : steps.get(steps.size() - 1));
            revision.set(revision.get() + 1);
        }
        return changed;
    }

    private void take(StepSnapshot snapshot) {
        if (!steps.isEmpty()) {
            StepSnapshot last = steps.get(steps.size() - 1);
            if (snapshot.step() == last.step()) {
                steps.set(steps.size() - 1, snapshot);
                return;
            }
            if (snapshot.step() < last.step()) {
                steps.clear(); // a new run whose origin was not seen (e.g. a swapped trainer)
            }
        }
        steps.add(snapshot);
    }

    /** Forgets the run (a reset, another data folder); the cursor returns to live. */
    public void clear() {
        steps.clear();
        origin.set(null);
        latest.set(null);
        cursor.set(null);
        revision.set(revision.get() + 1);
    }

    /** Discards what the trainer published but was not pulled yet (it belongs to a replaced run). */
    public void dropIncoming() {
        incoming.clear();
    }

    /** Every kept step, oldest first (a read-only view: copy it to use it on another thread). */
    public List<StepSnapshot> steps() {
        return Collections.unmodifiableList(steps);
    }

    public int size() {
        return steps.size();
    }

    /** The kept step with this number. */
    public Optional<StepSnapshot> at(long step) {
        int low = 0;
        int high = steps.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long found = steps.get(mid).step();
            if (found == step) {
                return Optional.of(steps.get(mid));
            }
            if (found < step) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return Optional.empty();
    }

    /** The kept step before or after {@code step} (delta -1 or +1), if any. */
    public Optional<StepSnapshot> neighbour(long step, int delta) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).step() == step) {
                int j = i + delta;
                return j >= 0 && j < steps.size() ? Optional.of(steps.get(j)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Shows a past step; the view stops following the training end. */
    public void showStep(long step) {
        cursor.set(step);
    }

    /** Follows the training end again. */
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

    /** Counts changes, for listeners that redraw from the whole history. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }
}
