package lab.centerloss.ui.charts;

import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.shape.Path;
import lab.centerloss.text.Messages;

/** The charts ({@code fxml/charts.fxml}): bindings to {@link ChartsViewModel}. */
public final class ChartsView {
  private final ChartsViewModel viewModel;

  @FXML private CursorLineChart lossChart;
  @FXML private CursorLineChart accuracyChart;

  public ChartsView(ChartsViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    XYChart.Series<Number, Number> softmax = new XYChart.Series<>(viewModel.softmaxLossPoints());
    softmax.nameProperty().bind(viewModel.softmaxLossNameProperty());
    XYChart.Series<Number, Number> center =
        new XYChart.Series<>(
            Messages.text("charts.centerLoss"), viewModel.weightedCenterLossPoints());
    lossChart.getData().setAll(List.of(softmax, center));
    accuracyChart
        .getData()
        .setAll(
            List.of(
                new XYChart.Series<>(
                    Messages.text("charts.accuracy"), viewModel.accuracyPoints())));
    lossChart.cursorXProperty().bind(viewModel.cursorStepProperty());
    accuracyChart.cursorXProperty().bind(viewModel.cursorStepProperty());
    lossChart.getData().forEach(ChartsView::forgetLineWhenEmpty);
    accuracyChart.getData().forEach(ChartsView::forgetLineWhenEmpty);
    follow((NumberAxis) lossChart.getXAxis(), viewModel.stepRangeProperty());
    follow((NumberAxis) accuracyChart.getXAxis(), viewModel.stepRangeProperty());
    follow((NumberAxis) lossChart.getYAxis(), viewModel.lossRangeProperty());
  }

  /** The axis takes the view model's steady bounds instead of ranging itself to every new point. */
  private static void follow(NumberAxis axis, ObservableValue<AxisRange> range) {
    axis.setAutoRanging(false);
    Runnable apply =
        () -> {
          axis.setLowerBound(range.getValue().lower());
          axis.setUpperBound(range.getValue().upper());
          axis.setTickUnit(range.getValue().tick());
        };
    range.addListener(o -> apply.run());
    apply.run();
  }

  /**
   * A LineChart lays out only series with data: emptied (a reset, another run), a series would keep
   * drawing its old line over the new axes. Its line is cleared with its data.
   */
  private static void forgetLineWhenEmpty(XYChart.Series<Number, Number> series) {
    series
        .getData()
        .addListener(
            (ListChangeListener<XYChart.Data<Number, Number>>)
                change -> {
                  if (series.getData().isEmpty() && series.getNode() instanceof Path line) {
                    line.getElements().clear();
                  }
                });
  }
}
