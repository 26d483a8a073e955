package lab.centerloss.ui.charts;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * Chart points that stay few however long training runs: when the list is full, every second point
 * is dropped and only every second new point is kept from then on, so the whole run stays visible
 * at an even density. Points reach the chart only on {@link #publish()}, a few times a second: a
 * chart lays itself out again on every change, and one change per training step held the JavaFX
 * thread for tens of milliseconds.
 */
final class BoundedSeries {
  private final int capacity;
  private final ObservableList<XYChart.Data<Number, Number>> points =
      FXCollections.observableArrayList();
  private final List<double[]> kept = new ArrayList<>();
  private int published;
  private boolean compacted;
  private int stride = 1;
  private long offered;

  BoundedSeries(int capacity) {
    if (capacity < 4) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.capacity = capacity;
  }

  ObservableList<XYChart.Data<Number, Number>> points() {
    return points;
  }

  void add(double x, double y) {
    if (offered++ % stride != 0 || !Double.isFinite(y)) {
      return;
    }
    if (kept.size() >= capacity) {
      List<double[]> half = new ArrayList<>();
      for (int i = 0; i < kept.size(); i += 2) {
        half.add(kept.get(i));
      }
      kept.clear();
      kept.addAll(half);
      stride *= 2;
      compacted = true;
    }
    kept.add(new double[] {x, y});
  }

  /** Hands the points added since the last call to the chart, in one change. */
  void publish() {
    if (compacted) {
      points.setAll(data(kept));
      compacted = false;
    } else if (published < kept.size()) {
      points.addAll(data(kept.subList(published, kept.size())));
    }
    published = kept.size();
  }

  /** The first kept x, NaN while empty. */
  double firstX() {
    return kept.isEmpty() ? Double.NaN : kept.get(0)[0];
  }

  /** The last kept x, NaN while empty. */
  double lastX() {
    return kept.isEmpty() ? Double.NaN : kept.get(kept.size() - 1)[0];
  }

  /** The largest kept y, NaN while empty. */
  double maxY() {
    double max = Double.NaN;
    for (double[] p : kept) {
      max = Double.isNaN(max) ? p[1] : Math.max(max, p[1]);
    }
    return max;
  }

  void clear() {
    kept.clear();
    points.clear();
    published = 0;
    compacted = false;
    stride = 1;
    offered = 0;
  }

  private static List<XYChart.Data<Number, Number>> data(List<double[]> xy) {
    List<XYChart.Data<Number, Number>> data = new ArrayList<>(xy.size());
    for (double[] p : xy) {
      data.add(new XYChart.Data<>(p[0], p[1]));
    }
    return data;
  }
}
