package lab.centerloss.ui.charts;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;
import lab.centerloss.text.Messages;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.ui.model.RunHistory;

/**
 * The loss and accuracy charts, drawn from the run history: a bounded number of points however
 * long the run, handed to the charts a few times a second (a chart lays itself out again on
 * every change).
 */
public final class ChartsViewModel {
    private static final int CHART_POINTS = 300;
    /** Charts take new points four times a second; see {@link BoundedSeries}. */
    private static final long CHART_INTERVAL_NANOS = 250_000_000L;

    private final RunHistory history;
    private final BoundedSeries softmaxLoss = new BoundedSeries(CHART_POINTS);
    private final BoundedSeries weightedCenterLoss = new BoundedSeries(CHART_POINTS);
    private final BoundedSeries accuracy = new BoundedSeries(CHART_POINTS);
    private final StringBinding softmaxName;
    private int taken;
    private long lastProbeStep = -1;
    private long publishedAt;
    private StepSnapshot lastTaken;

    public ChartsViewModel(RunHistory history) {
        this.history = history;
        softmaxName = Bindings.createStringBinding(() -> {
            StepSnapshot latest = history.latestProperty().get();
            HeadKind head = latest == null ? HeadKind.SOFTMAX : latest.hyperparameters().head();
            return Messages.text("charts.softmaxLoss", Messages.label(head));
        }, history.latestProperty());
    }

    /** Takes the steps the history gained since the last frame; publishes a few times a second. */
    public void onFrame(long now) {
        if (history.size() < taken || (taken > 0 && history.steps().get(taken - 1) != lastTaken
                && history.steps().get(taken - 1).step() != lastTaken.step())) {
            clear(); // the history started again
        }
        for (int i = taken; i < history.size(); i++) {
            StepSnapshot s = history.steps().get(i);
            softmaxLoss.add(s.step(), s.scalars().lossSoftmax());
            weightedCenterLoss.add(s.step(), s.hyperparameters().lambda() * s.scalars().lossCenter());
        }
        // A probe can arrive with a step already taken (the same step again): look at the latest.
        StepSnapshot latest = history.latestProperty().get();
        if (latest != null) {
            latest.probe().ifPresent(p -> {
                if (p.step() != lastProbeStep) {
                    lastProbeStep = p.step();
                    accuracy.add(p.step(), 100 * p.accuracy());
                }
            });
        }
        taken = history.size();
        lastTaken = taken == 0 ? null : history.steps().get(taken - 1);
        if (now - publishedAt >= CHART_INTERVAL_NANOS) {
            publish();
            publishedAt = now;
        }
    }

    private void clear() {
        softmaxLoss.clear();
        weightedCenterLoss.clear();
        accuracy.clear();
        taken = 0;
        lastProbeStep = -1;
        lastTaken = null;
    }

    private void publish() {
        softmaxLoss.publish();
        weightedCenterLoss.publish();
        accuracy.publish();
    }

    /** "L_S (ArcFace cross-entropy)": the loss of the head in force. */
    public StringBinding softmaxLossNameProperty() { return softmaxName; }
    public ObservableList<XYChart.Data<Number, Number>> softmaxLossPoints() { return softmaxLoss.points(); }
    public ObservableList<XYChart.Data<Number, Number>> weightedCenterLossPoints() { return weightedCenterLoss.points(); }
    public ObservableList<XYChart.Data<Number, Number>> accuracyPoints() { return accuracy.points(); }
}
