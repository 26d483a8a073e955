package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The feature size as a setting: its range, its default, and that a change rebuilds the run. */
class FeatureDimSettingTest {
  @Test
  @DisplayName("2 to 512, 2 by default; 1 and 600 are refused with one sentence")
  void range() {
    Hyperparameters hp = Hyperparameters.defaults();
    assertThat(hp.featureDim()).isEqualTo(2);
    assertThat(hp.isProjected()).isFalse();
    assertThat(hp.withFeatureDim(16).problems()).isEmpty();
    assertThat(hp.withFeatureDim(512).problems()).isEmpty();
    assertThat(hp.withFeatureDim(1).problems())
        .singleElement()
        .satisfies(m -> assertThat(m.key()).isEqualTo("problem.featureDim"));
    assertThat(hp.withFeatureDim(600).problems()).hasSize(1);
  }

  @Test
  @DisplayName("a new feature size builds the run again, as a new model size does")
  void rebuilds() {
    Hyperparameters hp = Hyperparameters.defaults();
    assertThat(hp.withFeatureDim(16).needsRebuildFrom(hp)).isTrue();
    assertThat(hp.withLambda(0.5).needsRebuildFrom(hp)).isFalse();
  }
}
