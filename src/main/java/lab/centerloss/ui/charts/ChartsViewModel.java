package lab.centerloss.ui.charts;

import java.util.function.DoubleBinaryOperator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;
import lab.centerloss.store.RunRecord;
import lab.centerloss.text.Messages;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.ui.model.RunHistory;

/**
 * The loss and accuracy charts, drawn from the run history: a bounded number of points however long
 * the run, handed to the charts a few times a second (a chart lays itself out again on every
 * change).
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
  private final DoubleBinding cursorStep;
  private int taken;
  private long lastProbeStep = -1;
  private long publishedAt;
  private RunRecord drawnRecord;
  private final ReadOnlyObjectWrapper<AxisRange> stepRange =
      new ReadOnlyObjectWrapper<>(AxisRange.NO_STEPS);
  private final ReadOnlyObjectWrapper<AxisRange> lossRange =
      new ReadOnlyObjectWrapper<>(AxisRange.NO_LOSS);

  public ChartsViewModel(RunHistory history) {
    this.history = history;
    cursorStep =
        Bindings.createDoubleBinding(
            () -> {
              Long at = history.cursorProperty().get();
              StepSnapshot shown = history.shownProperty().getValue();
              return at == null || shown == null ? Double.NaN : shown.step();
            },
            history.cursorProperty(),
            history.shownProperty());
    softmaxName =
        Bindings.createStringBinding(
            () -> {
              StepSnapshot latest = history.latestProperty().get();
              HeadKind head = latest == null ? HeadKind.SOFTMAX : latest.hyperparameters().head();
              return Messages.text("charts.softmaxLoss", Messages.label(head));
            },
            history.latestProperty());
  }

  /** Takes the steps the history gained since the last frame; publishes a few times a second. */
  public void onFrame(long now) {
    if (history.record() != drawnRecord || history.size() < taken) {
      clear(); // another run, or the run started again
      drawnRecord = history.record();
    }
    for (int i = taken; i < history.size(); i++) {
      StepSnapshot s = history.steps().get(i);
      softmaxLoss.add(s.step(), s.scalars().lossSoftmax());
      weightedCenterLoss.add(s.step(), s.hyperparameters().lambda() * s.scalars().lossCenter());
    }
    // The kept probes: the history thins them over a long run, the chart thins its points anyway.
    var probes = history.probes();
    for (int i = probes.size() - 1; i >= 0 && probes.get(i).step() > lastProbeStep; i--) {
      if (i == 0 || probes.get(i - 1).step() <= lastProbeStep) {
        for (int k = i; k < probes.size(); k++) {
          accuracy.add(probes.get(k).step(), 100 * probes.get(k).accuracy());
        }
        lastProbeStep = probes.get(probes.size() - 1).step();
        break;
      }
    }
    taken = history.size();
    if (now - publishedAt >= CHART_INTERVAL_NANOS) {
      publish();
      publishedAt = now;
    }
  }

  private void clear() {
    softmaxLoss.clear();
    weightedCenterLoss.clear();
    accuracy.clear();
    setIfChanged(stepRange, AxisRange.NO_STEPS);
    setIfChanged(lossRange, AxisRange.NO_LOSS);
    taken = 0;
    lastProbeStep = -1;
  }

  private void publish() {
    softmaxLoss.publish();
    weightedCenterLoss.publish();
    accuracy.publish();
    setIfChanged(
        stepRange,
        AxisRange.steps(
            ofKept(Math::min, softmaxLoss.firstX(), accuracy.firstX()),
            ofKept(Math::max, softmaxLoss.lastX(), accuracy.lastX())));
    setIfChanged(
        lossRange,
        AxisRange.loss(ofKept(Math::max, softmaxLoss.maxY(), weightedCenterLoss.maxY())));
  }

  /** {@code op} of two series' values, where an empty series gives NaN and is left out. */
  private static double ofKept(DoubleBinaryOperator op, double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : op.applyAsDouble(a, b);
  }

  /** A property compares by reference: an equal range set anew would still tell the axis. */
  private static void setIfChanged(ReadOnlyObjectWrapper<AxisRange> property, AxisRange range) {
    if (!range.equals(property.get())) {
      property.set(range);
    }
  }

  /** The steps axis of both charts: steady bounds (see {@link AxisRange}). */
  public ReadOnlyObjectProperty<AxisRange> stepRangeProperty() {
    return stepRange.getReadOnlyProperty();
  }

  /** The loss axis, from 0: steady bounds (see {@link AxisRange}). */
  public ReadOnlyObjectProperty<AxisRange> lossRangeProperty() {
    return lossRange.getReadOnlyProperty();
  }

  /**
   * The step the timeline shows when it is not the run's end (NaN while live): the charts mark it.
   */
  public DoubleBinding cursorStepProperty() {
    return cursorStep;
  }

  /** "L_S (ArcFace cross-entropy)": the loss of the head in force. */
  public StringBinding softmaxLossNameProperty() {
    return softmaxName;
  }

  public ObservableList<XYChart.Data<Number, Number>> softmaxLossPoints() {
    return softmaxLoss.points();
  }

  public ObservableList<XYChart.Data<Number, Number>> weightedCenterLossPoints() {
    return weightedCenterLoss.points();
  }

  public ObservableList<XYChart.Data<Number, Number>> accuracyPoints() {
    return accuracy.points();
  }

  /** The language changed: every text this panel made is made again in it. */
  public void refreshTexts() {
    softmaxName.invalidate();
  }
}
