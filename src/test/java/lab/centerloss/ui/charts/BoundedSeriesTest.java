package lab.centerloss.ui.charts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedSeriesTest {
  @Test
  void aLongRunStaysFewPointsAndSpansFromTheStart() {
    BoundedSeries series = new BoundedSeries(300);
    for (int step = 1; step <= 10_000; step++) {
      series.add(step, 1.0 / step);
      if (step % 7 == 0) {
        series.publish();
      }
    }
    series.publish();
    assertThat(series.points().size()).isBetween(150, 300);
    assertThat(series.points().get(0).getXValue().intValue()).isEqualTo(1);
    assertThat(series.points().get(series.points().size() - 1).getXValue().intValue())
        .isGreaterThan(9_900);
  }

  @Test
  void nonFiniteValuesAreLeftOut() {
    BoundedSeries series = new BoundedSeries(10);
    series.add(1, Double.NaN);
    series.add(2, 0.5);
    assertThat(series.points()).as("nothing before publish").isEmpty();
    series.publish();
    assertThat(series.points()).hasSize(1);
  }
}
