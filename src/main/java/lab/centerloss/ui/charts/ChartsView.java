package lab.centerloss.ui.charts;

import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
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
        XYChart.Series<Number, Number> center = new XYChart.Series<>(Messages.text("charts.centerLoss"),
                viewModel.weightedCenterLossPoints());
        lossChart.getData().setAll(List.of(softmax, center));
        accuracyChart.getData().setAll(List.of(new XYChart.Series<>(Messages.text("charts.accuracy"),
                viewModel.accuracyPoints())));
        // Before the first step the axes show a plain range (steps 0 to 100, a loss of 0 to 2.5:
        // ln 10 = 2.3 is where an untrained ten-class head starts) instead of the chart's default.
        lossChart.cursorXProperty().bind(viewModel.cursorStepProperty());
        accuracyChart.cursorXProperty().bind(viewModel.cursorStepProperty());
        lossChart.getData().forEach(ChartsView::forgetLineWhenEmpty);
        accuracyChart.getData().forEach(ChartsView::forgetLineWhenEmpty);
        rangeWhileEmpty((NumberAxis) lossChart.getXAxis(), viewModel.softmaxLossPoints(), 0, 100, 20);
        rangeWhileEmpty((NumberAxis) lossChart.getYAxis(), viewModel.softmaxLossPoints(), 0, 2.5, 0.5);
        rangeWhileEmpty((NumberAxis) accuracyChart.getXAxis(), viewModel.accuracyPoints(), 0, 100, 20);
    }

    /**
     * A LineChart lays out only series with data: emptied (a reset, another run), a series would
     * keep drawing its old line over the new axes. Its line is cleared with its data.
     */
    private static void forgetLineWhenEmpty(XYChart.Series<Number, Number> series) {
        series.getData().addListener((javafx.collections.ListChangeListener<XYChart.Data<Number, Number>>) change -> {
            if (series.getData().isEmpty() && series.getNode() instanceof javafx.scene.shape.Path line) {
                line.getElements().clear();
            }
        });
    }

    private static void rangeWhileEmpty(NumberAxis axis, javafx.collections.ObservableList<?> points, double lower,
            double upper, double tick) {
        Runnable apply = () -> {
            axis.setAutoRanging(!points.isEmpty());
            if (points.isEmpty()) {
                axis.setLowerBound(lower);
                axis.setUpperBound(upper);
                axis.setTickUnit(tick);
            }
        };
        points.addListener((javafx.collections.ListChangeListener<Object>) change -> apply.run());
        apply.run();
    }
}
