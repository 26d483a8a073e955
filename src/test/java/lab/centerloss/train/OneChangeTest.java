package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;

import lab.centerloss.train.OneChange.Setting;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OneChangeTest {
  private final Hyperparameters base = Hyperparameters.defaults();

  @Test
  @DisplayName("each setting changes that setting and nothing else, seed included")
  void changesOneSetting() {
    assertThat(new OneChange(Setting.LAMBDA, "1").applyTo(base)).isEqualTo(base.withLambda(1));
    assertThat(new OneChange(Setting.ALPHA, " 0.9 ").applyTo(base)).isEqualTo(base.withAlpha(0.9));
    assertThat(new OneChange(Setting.BATCH_SIZE, "64").applyTo(base))
        .isEqualTo(base.withBatchSize(64));
    assertThat(new OneChange(Setting.SEED, "7").applyTo(base)).isEqualTo(base.withSeed(7));
    assertThat(new OneChange(Setting.HEAD, "ArcFace").applyTo(base))
        .isEqualTo(base.withHead(HeadKind.ARCFACE));
    assertThat(new OneChange(Setting.CENTER_RULE, "sgd").applyTo(base))
        .isEqualTo(base.withCenterRule(CenterRule.SGD));
    assertThat(new OneChange(Setting.LAMBDA, "1").runs(base))
        .containsExactly(base, base.withLambda(1));
  }

  @Test
  @DisplayName(
      "every value offered for a setting is one it accepts, and the run's own value reads back as offered")
  void choicesAreAccepted() {
    for (Setting setting : Setting.values()) {
      for (String value : setting.choices()) {
        OneChange change = new OneChange(setting, value);
        Hyperparameters copy = change.applyTo(base);
        assertThat(setting.of(copy)).as("%s %s", setting, value).isEqualTo(value);
      }
    }
  }

  @Test
  @DisplayName(
      "not a number, not whole, not a choice, the same value, an impossible one: each one sentence")
  void problems() {
    assertThat(new OneChange(Setting.LAMBDA, "lots").problem(base).orElseThrow().render())
        .isEqualTo("\"lots\" is not a number: write it with a point, e.g. 0.5.");
    assertThat(new OneChange(Setting.BATCH_SIZE, "64.5").problem(base).orElseThrow().render())
        .isEqualTo("\"64.5\" is not a whole number.");
    assertThat(new OneChange(Setting.HEAD, "sphereface").problem(base).orElseThrow().render())
        .isEqualTo("\"sphereface\" is not one of: softmax, normface, cosface, arcface.");
    assertThat(new OneChange(Setting.LAMBDA, "0.1").problem(base).orElseThrow().render())
        .startsWith("The copy would keep the run's own value, 0.1");
    assertThat(new OneChange(Setting.LAMBDA, "-1").problem(base)).isPresent();
    assertThat(new OneChange(Setting.LAMBDA, "0.5").problem(base)).isEmpty();
  }
}
