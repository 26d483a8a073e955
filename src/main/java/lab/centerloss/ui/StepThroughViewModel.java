package lab.centerloss.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.plot.PlaneScene.Mark;
import lab.centerloss.train.CenterRule;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.TrainerListener;
import lab.centerloss.train.Vec2List;

/**
 * Walks a class through one center update (Wen et al. 2016, Algorithm 1) in four phases, on a
 * step the trainer kept: the batch; the pull of center loss on the features of a class; the move
 * of every center; the plane after. Every number comes from that step's snapshot. The last
 * {@value #HISTORY} steps are kept so that an earlier update can be shown again.
 */
public final class StepThroughViewModel {
    public static final int HISTORY = 50;

    /** The four phases of one update. */
    public enum Phase {
        BATCH("The batch: its features next to the centers as they were"),
        PULL("The pull: center loss draws each feature toward its class center"),
        UPDATE("The update: each center moves by α·Δc toward its samples"),
        AFTER("After: the plane once the step is done");

        private final String description;

        Phase(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        public int number() {
            return ordinal() + 1;
        }
    }

    /** Filled on the trainer's thread with every step, read on the FX thread; never blocks. */
    private final ConcurrentLinkedDeque<StepSnapshot> kept = new ConcurrentLinkedDeque<>();
    private final List<StepSnapshot> history = new ArrayList<>();
    private final ReadOnlyObjectWrapper<StepSnapshot> shown = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.BATCH);
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty allArrows = new SimpleBooleanProperty(true);
    private final ObjectProperty<Integer> selectedClass;
    private final ObservableList<CenterUpdateRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper phaseText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lossesText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper ruleText = new ReadOnlyStringWrapper("");

    /** What the trainer must be told so that every step reaches the history. */
    final TrainerListener listener = new TrainerListener() {
        @Override
        public void onSnapshot(StepSnapshot snapshot) {
            StepSnapshot last = kept.peekLast();
            if (last != null && last.step() == snapshot.step()) {
                kept.pollLast(); // the same step again, with a newer probe
            }
            kept.addLast(snapshot);
            while (kept.size() > HISTORY) {
                kept.pollFirst();
            }
        }
    };

    StepThroughViewModel(ObjectProperty<Integer> selectedClass) {
        this.selectedClass = selectedClass;
        phase.addListener((o, was, now) -> refreshTexts());
        selectedClass.addListener((o, was, now) -> refreshTexts());
    }

    /** Enter step-through on the newest kept step, at its first phase. */
    public void showNewest() {
        syncHistory();
        active.set(true);
        show(history.size() - 1, Phase.BATCH);
    }

    /** Back to live training. */
    public void leave() {
        active.set(false);
    }

    /** Forget the kept steps (after a reset). */
    public void clear() {
        kept.clear();
        history.clear();
        shown.set(null);
        rows.clear();
        refreshTexts();
    }

    /** The next phase; false when already at the last one. */
    public boolean nextPhase() {
        if (shown.get() == null || phase.get() == Phase.AFTER) {
            return false;
        }
        phase.set(Phase.values()[phase.get().ordinal() + 1]);
        return true;
    }

    /** The previous phase, or the last phase of the previous kept step. */
    public boolean previousPhase() {
        if (shown.get() == null) {
            return false;
        }
        if (phase.get() != Phase.BATCH) {
            phase.set(Phase.values()[phase.get().ordinal() - 1]);
            return true;
        }
        int index = history.indexOf(shown.get());
        if (index > 0) {
            show(index - 1, Phase.AFTER);
            return true;
        }
        return false;
    }

    public void earlierStep() {
        syncHistory();
        int index = history.indexOf(shown.get());
        if (index > 0) {
            show(index - 1, phase.get());
        }
    }

    public void laterStep() {
        syncHistory();
        int index = history.indexOf(shown.get());
        if (index >= 0 && index < history.size() - 1) {
            show(index + 1, phase.get());
        }
    }

    /** The plane for the shown step and phase, on the given view. */
    public Optional<PlaneScene> scene(PlaneScene base) {
        StepSnapshot s = shown.get();
        if (s == null) {
            return Optional.empty();
        }
        int selected = selectedClass.get();
        List<Mark> marks = new ArrayList<>();
        Vec2List centers = phase.get() == Phase.AFTER ? s.centersAfter() : s.centersBefore();
        String caption = String.format("step %d · phase %d of 4", s.step(), phase.get().number());
        if (phase.get() == Phase.PULL) {
            for (int i = 0; i < s.batchLabels().size(); i++) {
                int j = s.batchLabels().get(i);
                if (selected >= 0 && j != selected) {
                    continue;
                }
                double x = s.batchFeatures().x(i);
                double y = s.batchFeatures().y(i);
                double cx = s.centersBefore().x(j);
                double cy = s.centersBefore().y(j);
                marks.add(new Mark(x, y, cx, cy, j, Mark.Kind.LINE));
                // The force is -lambda (x - c) / m; drawn at a quarter of the way so it can be seen.
                if (s.hyperparameters().lambda() > 0) {
                    marks.add(new Mark(x, y, x + 0.25 * (cx - x), y + 0.25 * (cy - y), j, Mark.Kind.FORCE));
                }
            }
        } else if (phase.get() == Phase.UPDATE) {
            double magnification = arrowMagnification(s, base.view().pixelsPerUnit());
            for (int j = 0; j < s.centersBefore().size(); j++) {
                if (allArrows.get() || j == selected) {
                    double x = s.centersBefore().x(j);
                    double y = s.centersBefore().y(j);
                    marks.add(new Mark(x, y, x + magnification * (s.centersAfter().x(j) - x),
                            y + magnification * (s.centersAfter().y(j) - y), j, Mark.Kind.ARROW));
                }
            }
            caption += magnification > 1 ? String.format(" · moves drawn ×%s to be seen", formatFactor(magnification)) : "";
        }
        Vec2List none = Vec2List.copyOf(new float[0]);
        IntVector noLabels = IntVector.copyOf(new int[0]);
        return Optional.of(new PlaneScene(base.view(), none, noLabels, s.batchFeatures(), s.batchLabels(), centers,
                List.of(), selected, base.showLegend(), caption, marks));
    }

    /** Smallest on-screen length of the longest move that the class can see. */
    static final double VISIBLE_MOVE_PIXELS = 40;

    /**
     * One step moves a center by a few pixels, hidden under its own marker. The arrows are then
     * drawn longer by a round factor (1, 2, 5, 10, 20, …), which the caption states.
     */
    static double arrowMagnification(StepSnapshot s, double pixelsPerUnit) {
        double longest = 0;
        for (int j = 0; j < s.centersBefore().size(); j++) {
            longest = Math.max(longest, Math.hypot(s.centersAfter().x(j) - s.centersBefore().x(j),
                    s.centersAfter().y(j) - s.centersBefore().y(j)) * pixelsPerUnit);
        }
        if (longest <= 0 || longest >= VISIBLE_MOVE_PIXELS) {
            return 1;
        }
        double factor = 1;
        int i = 0;
        while (longest * factor < VISIBLE_MOVE_PIXELS && factor < 1e6) {
            factor = new double[] {2, 5, 10}[i % 3] * Math.pow(10, i / 3);
            i++;
        }
        return factor;
    }

    private static String formatFactor(double factor) {
        return factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
    }

    /** The ten rows as CSV, for the teacher's notes. */
    public String tableCsv() {
        StringBuilder csv = new StringBuilder(
                "step,digit,n,old_x,old_y,mean_x,mean_y,sum_x,sum_y,delta_x,delta_y,alpha,paper_new_x,paper_new_y,"
                        + "new_x,new_y,rule,effective_alpha\n");
        long step = shown.get() == null ? 0 : shown.get().step();
        for (CenterUpdateRow r : rows) {
            csv.append(step).append(',').append(r.digit()).append(',').append(r.count());
            for (double v : new double[] {r.oldX(), r.oldY(), r.meanX(), r.meanY(), r.sumX(), r.sumY(), r.deltaX(),
                    r.deltaY(), r.alpha(), r.paperNewX(), r.paperNewY(), r.appliedNewX(), r.appliedNewY()}) {
                csv.append(',').append(Double.isNaN(v) ? "" : Double.toString(v));
            }
            csv.append(',').append(r.rule().id()).append(',').append(r.effectiveAlpha()).append('\n');
        }
        return csv.toString();
    }

    private void syncHistory() {
        List<StepSnapshot> latest = new ArrayList<>(kept);
        StepSnapshot current = shown.get();
        history.clear();
        history.addAll(latest);
        if (current != null && !history.contains(current)) {
            shown.set(history.isEmpty() ? null : history.get(history.size() - 1));
        }
    }

    private void show(int index, Phase newPhase) {
        if (index < 0 || index >= history.size()) {
            shown.set(null);
            rows.clear();
            refreshTexts();
            return;
        }
        StepSnapshot s = history.get(index);
        shown.set(s);
        rows.setAll(CenterUpdateRow.of(s));
        phase.set(newPhase);
        refreshTexts();
    }

    private void refreshTexts() {
        StepSnapshot s = shown.get();
        if (s == null) {
            title.set("Press Step to train one batch and walk through its center update.");
            phaseText.set("");
            detail.set("");
            lossesText.set("");
            ruleText.set("");
            return;
        }
        int index = history.indexOf(s);
        title.set(String.format("Step %d  (%d of the %d kept)", s.step(), index + 1, history.size()));
        phaseText.set(String.format("Phase %d of 4 · %s", phase.get().number(), phase.get().description()));
        double lambda = s.hyperparameters().lambda();
        lossesText.set(String.format("L_S = %s    L_C = %s    λ·L_C = %s × %s = %s    total = %s",
                CenterUpdateRow.number(s.lossSoftmax()), CenterUpdateRow.number(s.lossCenter()),
                CenterUpdateRow.number(lambda), CenterUpdateRow.number(s.lossCenter()),
                CenterUpdateRow.number(lambda * s.lossCenter()), CenterUpdateRow.number(s.lossTotal())));
        ruleText.set(s.hyperparameters().centerRule() == CenterRule.PAPER
                ? String.format("Rule: the paper's, c ← c − α·Σ(c − xᵢ)/(1 + n), α = %.2f", s.hyperparameters().alpha())
                : String.format("Rule: SGD on the centers, c ← c − α·Σ(c − xᵢ)/m, α = %.2f, m = %d; the paper's "
                        + "rule shown beside it", s.hyperparameters().alpha(), s.batchLabels().size()));
        int selected = selectedClass.get();
        if (selected < 0 || selected >= rows.size()) {
            detail.set("Choose a class: click its center, or press 0–9.");
            return;
        }
        CenterUpdateRow row = rows.get(selected);
        List<String> lines = new ArrayList<>(row.explanation());
        if (phase.get() == Phase.PULL && row.count() > 0) {
            double m = s.batchLabels().size();
            lines.add(String.format("Feature gradient of λ·L_C: λ(xᵢ − c)/m; for the class mean: %s × %s / %d = %s",
                    CenterUpdateRow.number(lambda), CenterUpdateRow.pair(row.meanX() - row.oldX(),
                            row.meanY() - row.oldY()), (int) m,
                    CenterUpdateRow.pair(lambda * (row.meanX() - row.oldX()) / m,
                            lambda * (row.meanY() - row.oldY()) / m)));
            lines.add("(the arrows show its direction, drawn a quarter of the way to the center)");
        }
        detail.set(String.join("\n", lines));
    }

    public ReadOnlyObjectProperty<StepSnapshot> shownProperty() { return shown.getReadOnlyProperty(); }
    public ObjectProperty<Phase> phaseProperty() { return phase; }
    public ReadOnlyBooleanProperty activeProperty() { return active.getReadOnlyProperty(); }
    public BooleanProperty allArrowsProperty() { return allArrows; }
    public ObservableList<CenterUpdateRow> rows() { return rows; }
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    public ReadOnlyStringProperty phaseTextProperty() { return phaseText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty detailProperty() { return detail.getReadOnlyProperty(); }
    public ReadOnlyStringProperty lossesTextProperty() { return lossesText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty ruleTextProperty() { return ruleText.getReadOnlyProperty(); }
}
