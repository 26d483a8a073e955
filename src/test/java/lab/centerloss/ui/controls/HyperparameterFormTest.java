package lab.centerloss.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import lab.centerloss.train.CenterInit;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.OptimizerKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The settings form without a window: properties in, one immutable record out, and back. */
class HyperparameterFormTest {
  private final HyperparameterForm form = new HyperparameterForm(Hyperparameters.defaults());
  private final List<Hyperparameters> published = new ArrayList<>();

  {
    form.recordProperty().addListener((o, was, now) -> published.add(now));
  }

  @Test
  @DisplayName("the form starts at the record it was given and turns it back into the same record")
  void roundTrip() {
    assertThat(form.recordProperty().get()).isEqualTo(Hyperparameters.defaults());
    Hyperparameters other =
        Hyperparameters.recommendedFor(HeadKind.ARCFACE)
            .withSeed(42)
            .withBatchSize(64)
            .withMargin(0.35)
            .withCenterInit(CenterInit.NORMAL);
    form.load(other);
    assertThat(form.recordProperty().get()).isEqualTo(other);
  }

  @Test
  @DisplayName("each control changes only its own field of the record")
  void controlsEditTheirField() {
    form.alphaProperty().set(0.25);
    assertThat(form.recordProperty().get()).isEqualTo(Hyperparameters.defaults().withAlpha(0.25));
    form.lambdaPositionProperty().set(HyperparameterForm.LAMBDA_SCALE.toPosition(0.01));
    assertThat(form.recordProperty().get().lambda()).isCloseTo(0.01, within(1e-12));
    form.centerLossProperty().set(false);
    assertThat(form.recordProperty().get().lambda()).isZero();
    form.centerInitProperty().set(CenterInit.NORMAL);
    assertThat(form.recordProperty().get().centerInit()).isEqualTo(CenterInit.NORMAL);
  }

  @Test
  @DisplayName("a seed that is not a number is named and no record is published")
  void invalidSeed() {
    int before = published.size();
    form.seedTextProperty().set("12a");
    assertThat(form.problemProperty().get()).isEqualTo("The seed must be a whole number.");
    assertThat(published).hasSize(before);
    form.seedTextProperty().set("42");
    assertThat(form.problemProperty().get()).isEmpty();
    assertThat(form.recordProperty().get().seed()).isEqualTo(42);
  }

  @Test
  @DisplayName(
      "choosing ArcFace applies the one source of recommended settings and says what it applied")
  void headSwitchAppliesTheRecommendation() {
    var notice = form.chooseHead(HeadKind.ARCFACE);
    Hyperparameters sent = form.recordProperty().get();
    Hyperparameters recommended = Hyperparameters.recommendedFor(HeadKind.ARCFACE);
    assertThat(sent.head()).isEqualTo(HeadKind.ARCFACE);
    assertThat(sent.optimizer()).isEqualTo(OptimizerKind.ADAM);
    assertThat(sent.learningRate()).isCloseTo(recommended.learningRate(), within(1e-12));
    assertThat(sent.lambda()).isEqualTo(recommended.lambda()).isZero();
    assertThat(sent.marginWarmupSteps()).isEqualTo(recommended.marginWarmupSteps()).isEqualTo(1000);
    assertThat(sent.margin()).isEqualTo(recommended.margin());
    assertThat(notice.orElseThrow().render())
        .isEqualTo(
            "ArcFace: Adam 0.001, margin warm-up 1,000 steps, center loss off; change any of them.");
    assertThat(form.chooseHead(HeadKind.ARCFACE)).as("the head in force again: nothing").isEmpty();
  }

  @Test
  @DisplayName(
      "CosFace's m is in cosine units: it gets its own recommended margin, not ArcFace's angle")
  void cosFaceMargin() {
    form.chooseHead(HeadKind.ARCFACE);
    form.chooseHead(HeadKind.COSFACE);
    assertThat(form.recordProperty().get().margin()).isEqualTo(0.1);
    form.chooseHead(HeadKind.SOFTMAX);
    assertThat(form.recordProperty().get().optimizer()).isEqualTo(OptimizerKind.SGD);
    assertThat(form.recordProperty().get().lambda()).isCloseTo(0.1, within(1e-12));
  }

  @Test
  @DisplayName(
      "m and s act only for the heads that use them; lambda and alpha only with center loss on")
  void whatActs() {
    assertThat(form.marginActs().get()).isFalse();
    assertThat(form.scaleActs().get()).isFalse();
    assertThat(form.centerLossActs().get()).isTrue();
    form.chooseHead(HeadKind.NORMFACE);
    assertThat(form.marginActs().get()).isFalse();
    assertThat(form.scaleActs().get()).isTrue();
    assertThat(form.centerLossActs().get()).isFalse();
    form.chooseHead(HeadKind.COSFACE);
    assertThat(form.marginActs().get()).isTrue();
  }
}
