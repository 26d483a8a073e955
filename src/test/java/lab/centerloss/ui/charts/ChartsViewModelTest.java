package lab.centerloss.ui.charts;

import static org.assertj.core.api.Assertions.assertThat;

import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.ui.model.RunHistory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The charts follow the run shown: its steps, and nothing of a run that was reset. */
class ChartsViewModelTest {
  private static final long LATER = 10_000_000_000L;

  @Test
  @DisplayName(
      "a reset empties the charts at the next frame; the new run's steps come in from there")
  void resetEmptiesTheCharts() {
    RunHistory history = new RunHistory();
    ChartsViewModel charts = new ChartsViewModel(history);
    for (int step = 1; step <= 90; step++) {
      history.listener().onSnapshot(SnapshotBuilder.aStep().step(step).batchSize(4).build());
    }
    history.pull();
    charts.onFrame(LATER);
    assertThat(charts.softmaxLossPoints()).isNotEmpty();
    assertThat(charts.stepRangeProperty().get()).isEqualTo(new AxisRange(0, 100, 20));
    double largestLoss =
        charts.softmaxLossPoints().stream()
            .mapToDouble(p -> p.getYValue().doubleValue())
            .max()
            .orElseThrow();
    assertThat(charts.lossRangeProperty().get().upper()).isGreaterThanOrEqualTo(largestLoss);
    history.clear();
    charts.onFrame(2 * LATER);
    assertThat(charts.softmaxLossPoints()).isEmpty();
    assertThat(charts.weightedCenterLossPoints()).isEmpty();
    assertThat(charts.stepRangeProperty().get()).isEqualTo(AxisRange.NO_STEPS);
    assertThat(charts.lossRangeProperty().get()).isEqualTo(AxisRange.NO_LOSS);
    for (int step = 1; step <= 3; step++) {
      history.listener().onSnapshot(SnapshotBuilder.aStep().step(step).batchSize(4).build());
    }
    history.pull();
    charts.onFrame(3 * LATER);
    assertThat(charts.softmaxLossPoints())
        .extracting(p -> p.getXValue().longValue())
        .containsExactly(1L, 2L, 3L);
  }
}
