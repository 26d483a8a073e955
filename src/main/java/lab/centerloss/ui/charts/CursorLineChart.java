package lab.centerloss.ui.charts;

import javafx.beans.NamedArg;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.chart.Axis;
import javafx.scene.chart.LineChart;
import javafx.scene.shape.Line;

/** A line chart with a vertical cursor at one x: the step the timeline shows (NaN hides it). */
public final class CursorLineChart extends LineChart<Number, Number> {
  private final Line cursor = new Line();
  private final DoubleProperty cursorX = new SimpleDoubleProperty(Double.NaN);

  public CursorLineChart(
      @NamedArg("xAxis") Axis<Number> xAxis, @NamedArg("yAxis") Axis<Number> yAxis) {
    super(xAxis, yAxis);
    cursor.getStyleClass().add("chart-cursor");
    cursor.setManaged(false);
    getPlotChildren().add(cursor);
    cursorX.addListener(o -> requestChartLayout());
  }

  /** The x of the cursor, in the chart's units; NaN hides it. */
  public DoubleProperty cursorXProperty() {
    return cursorX;
  }

  @Override
  protected void layoutPlotChildren() {
    super.layoutPlotChildren();
    double x = cursorX.get();
    boolean show = Double.isFinite(x);
    cursor.setVisible(show);
    if (show) {
      double px = getXAxis().getDisplayPosition(x);
      cursor.setStartX(px);
      cursor.setEndX(px);
      cursor.setStartY(0);
      cursor.setEndY(getYAxis().getHeight());
      cursor.toFront();
    }
  }
}
