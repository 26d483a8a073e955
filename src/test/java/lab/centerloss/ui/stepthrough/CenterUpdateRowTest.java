package lab.centerloss.ui.stepthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import lab.centerloss.testing.TestData;
import lab.centerloss.train.CenterRule;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.TrainingEngine;
import lab.centerloss.train.TrainingSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The inspector's numbers for a step recorded by real training, against the paper's rule computed
 * here independently from that snapshot's features, labels, centers and alpha.
 */
class CenterUpdateRowTest {
  private static TrainingEngine engine;

  @BeforeAll
  static void open() {
    engine = TrainingEngine.open(TestData.mnist(), DeviceChoice.CPU, 0);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private static StepSnapshot recordedStep(CenterRule rule) {
    Hyperparameters hp =
        Hyperparameters.defaults().withCenterRule(rule).withBatchSize(12).withAlpha(0.4);
    try (TrainingSession session = engine.newSession(hp)) {
      for (int i = 0; i < 30; i++) {
        session.step(hp);
      }
      return session.step(hp);
    }
  }

  @ParameterizedTest
  @EnumSource(CenterRule.class)
  @DisplayName("every number of every class matches an independent computation of the paper's rule")
  void matchesIndependentComputation(CenterRule rule) {
    StepSnapshot s = recordedStep(rule);
    List<CenterUpdateRow> rows = CenterUpdateRow.of(s);
    assertThat(rows).hasSize(10);
    double alpha = s.hyperparameters().alpha();
    int m = s.batch().labels().size();
    boolean someAbsent = false;
    for (int j = 0; j < 10; j++) {
      int n = 0;
      double sx = 0;
      double sy = 0;
      for (int i = 0; i < m; i++) {
        if (s.batch().labels().get(i) == j) {
          n++;
          sx += s.batch().features().x(i);
          sy += s.batch().features().y(i);
        }
      }
      double cx = s.centers().before().x(j);
      double cy = s.centers().before().y(j);
      double dx = (n * cx - sx) / (1 + n);
      double dy = (n * cy - sy) / (1 + n);
      CenterUpdateRow row = rows.get(j);
      assertThat(row.count()).isEqualTo(n);
      assertThat(row.oldX()).isCloseTo(cx, within(1e-5));
      if (n > 0) {
        assertThat(row.meanX()).isCloseTo(sx / n, within(1e-5));
        assertThat(row.meanY()).isCloseTo(sy / n, within(1e-5));
      } else {
        someAbsent = true;
        assertThat(row.meanX()).isNaN();
        assertThat(row.deltaX()).isZero();
        assertThat(row.explanation().get(0)).contains("n_" + j + " = 0");
      }
      assertThat(row.deltaX()).isCloseTo(dx, within(1e-5));
      assertThat(row.deltaY()).isCloseTo(dy, within(1e-5));
      assertThat(row.paperNewX()).isCloseTo(cx - alpha * dx, within(1e-5));
      assertThat(row.paperNewY()).isCloseTo(cy - alpha * dy, within(1e-5));
      // the trainer's own delta agrees with ours
      assertThat((double) s.centers().paperDeltas().x(j)).isCloseTo(dx, within(1e-5));
      if (rule == CenterRule.PAPER) {
        assertThat(row.appliedNewX()).isCloseTo(cx - alpha * dx, within(1e-5));
        assertThat(row.appliedNewY()).isCloseTo(cy - alpha * dy, within(1e-5));
        assertThat(row.effectiveAlpha()).isEqualTo(alpha);
      } else {
        double stepX = alpha * (n * cx - sx) / m;
        assertThat(row.appliedNewX()).isCloseTo(cx - stepX, within(1e-5));
        double effective = alpha * (1 + n) / m;
        assertThat(row.effectiveAlpha()).isCloseTo(effective, within(1e-12));
        // the SGD step is the paper's rule with the effective alpha
        assertThat(row.appliedNewX()).isCloseTo(cx - effective * dx, within(1e-5));
      }
    }
    assertThat(someAbsent)
        .as("a batch of 12 leaves some digit out (the order is fixed by the seed)")
        .isTrue();
  }
}
