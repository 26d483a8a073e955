package lab.centerloss.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.train.StepSnapshot;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one store of past steps and its cursor, without a window. */
class RunHistoryTest {
  private final RunHistory history = new RunHistory();

  private void publish(long... steps) {
    for (long step : steps) {
      history.listener().onSnapshot(SnapshotBuilder.aStep().step(step).build());
    }
    history.pull();
  }

  @Test
  @DisplayName(
      "steps arrive in order; the same step again (a newer probe) replaces the first version")
  void keepsEachStepOnce() {
    publish(1, 2, 3);
    StepSnapshot again = SnapshotBuilder.aStep().step(3).losses(0.7, 0.2).build();
    history.listener().onSnapshot(again);
    history.pull();
    assertThat(history.steps()).extracting(StepSnapshot::step).containsExactly(1L, 2L, 3L);
    assertThat(history.latestProperty().get()).isEqualTo(again);
  }

  @Test
  @DisplayName(
      "live, the cursor shows the latest step; set, it shows that step while training goes on")
  void cursor() {
    publish(1, 2, 3);
    assertThat(history.shownProperty().getValue().step()).isEqualTo(3);
    history.showStep(2);
    publish(4, 5);
    assertThat(history.shownProperty().getValue().step()).isEqualTo(2);
    assertThat(history.latestProperty().get().step()).isEqualTo(5);
    assertThat(history.neighbour(2, -1)).map(StepSnapshot::step).contains(1L);
    assertThat(history.neighbour(5, 1)).isEmpty();
    history.goLive();
    assertThat(history.shownProperty().getValue().step()).isEqualTo(5);
  }

  @Test
  @DisplayName(
      "a step number that is not kept shows the latest; a lower step number starts a new run")
  void restarts() {
    publish(1, 2, 3);
    history.showStep(99);
    assertThat(history.shownProperty().getValue().step()).isEqualTo(3);
    history.goLive();
    publish(1);
    assertThat(history.size()).isEqualTo(1);
  }
}
