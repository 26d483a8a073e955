package lab.centerloss.ui;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * Chart points that stay few however long training runs: when the list is full, every second
 * point is dropped and only every second new point is kept from then on, so the whole run stays
 * visible at an even density.
 */
final class BoundedSeries {
    private final int capacity;
    private final ObservableList<XYChart.Data<Number, Number>> points = FXCollections.observableArrayList();
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
        if (points.size() >= capacity) {
            ObservableList<XYChart.Data<Number, Number>> kept = FXCollections.observableArrayList();
            for (int i = 0; i < points.size(); i += 2) {
                // New data objects: a chart does not take back a data object it has just removed.
                kept.add(new XYChart.Data<>(points.get(i).getXValue(), points.get(i).getYValue()));
            }
            points.setAll(kept);
            stride *= 2;
        }
        points.add(new XYChart.Data<>(x, y));
    }

    void clear() {
        points.clear();
        stride = 1;
        offered = 0;
    }
}
