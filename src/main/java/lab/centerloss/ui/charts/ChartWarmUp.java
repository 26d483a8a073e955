package lab.centerloss.ui.charts;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;

/**
 * Runs the line charts' code (data changes, axis ranging, tick labels, CSS, layout, rendering) on a
 * detached chart while libtorch loads, so that the JIT has compiled it before Play. Without this,
 * the first chart updates after Play ran interpreted while training took both processors, and held
 * the JavaFX thread for 60 to 80 ms. Nothing of it is shown: the chart is never in the window. Each
 * round is its own short task, so the window stays responsive meanwhile.
 */
public final class ChartWarmUp {
  private static final int ROUNDS = 40;
  private static final int POINTS_PER_ROUND = 25;

  private final LineChart<Number, Number> chart =
      new LineChart<>(new NumberAxis(), new NumberAxis());
  private final List<XYChart.Series<Number, Number>> series = new ArrayList<>();
  private int round;

  private ChartWarmUp(String stylesheet) {
    chart.setAnimated(false);
    chart.setCreateSymbols(false);
    for (int s = 0; s < 2; s++) {
      XYChart.Series<Number, Number> one = new XYChart.Series<>();
      one.setName("series " + s);
      series.add(one);
      chart.getData().add(one);
    }
    StackPane root = new StackPane(chart);
    root.getStylesheets().add(stylesheet);
    new Scene(root, 640, 200);
  }

  /** Starts the rounds; call on the JavaFX thread. */
  public static void start(String stylesheet) {
    new ChartWarmUp(stylesheet).next();
  }

  private void next() {
    if (round == ROUNDS) {
      chart.getData().clear();
      return;
    }
    List<XYChart.Data<Number, Number>> points = new ArrayList<>(POINTS_PER_ROUND);
    for (int s = 0; s < series.size(); s++) {
      points.clear();
      for (int i = 0; i < POINTS_PER_ROUND; i++) {
        double x = round * POINTS_PER_ROUND + i;
        points.add(new XYChart.Data<>(x, (s + 1) * Math.exp(-x / 300) * (1 + 0.1 * Math.sin(x))));
      }
      if (round % 10 == 9) {
        series.get(s).getData().setAll(points); // as a compacted series does
      } else {
        series.get(s).getData().addAll(points);
      }
    }
    chart.applyCss();
    chart.layout();
    chart.snapshot(null, null);
    round++;
    Platform.runLater(this::next);
  }
}
