package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.pytorch.global.torch.log_softmax;
import static org.bytedeco.pytorch.global.torch.nll_loss;

import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every head and both center rules on a fixed small input, against a plain-Java computation in
 * double precision written from the formulas (angles via acos, not the angle-addition identity the
 * production code uses).
 */
class OracleTest {
  private static final int CLASSES = 10;
  // Six samples; classes 0, 1 and 3 appear, so other classes are absent from the batch.
  private static final float[] FEATURES = {
    1.5f, 0.5f, -0.7f, 2.0f, 0.3f, -1.2f, 2.2f, 0.9f, -1.1f, -0.4f, 0.8f, 0.05f
  };
  private static final long[] LABELS = {0, 1, 3, 0, 3, 0};
  private static final float[] CENTERS = new float[CLASSES * 2];
  private static final float[] WEIGHTS = new float[CLASSES * 2];
  private static final float[] BIAS = new float[CLASSES];

  static {
    for (int j = 0; j < CLASSES; j++) {
      double angle = 2 * Math.PI * j / CLASSES + 0.1;
      WEIGHTS[2 * j] = (float) (1.3 * Math.cos(angle));
      WEIGHTS[2 * j + 1] = (float) (0.9 * Math.sin(angle));
      CENTERS[2 * j] = 0.2f * j - 0.5f;
      CENTERS[2 * j + 1] = 0.3f - 0.1f * j;
      BIAS[j] = 0.05f * j - 0.2f;
    }
  }

  @BeforeAll
  static void loadTorch() {
    Torch.selectDevice(DeviceChoice.CPU, 1);
  }

  @ParameterizedTest
  @EnumSource(HeadKind.class)
  @DisplayName("logits and cross-entropy of each head match the formulas")
  void headLogitsAndLoss(HeadKind kind) {
    double scale = 16;
    double margin = kind == HeadKind.COSFACE ? 0.15 : 0.5;
    try (PointerScope scope = new PointerScope();
        MarginHead head = headWithWeights()) {
      Tensor logits =
          head.trainingLogits(
              Torch.floats(FEATURES, 6, 2), Torch.longs(LABELS), kind, scale, margin);
      float[] actual = Torch.toFloats(logits);
      double loss = nll_loss(log_softmax(logits, 1), Torch.longs(LABELS)).item_double();

      double expectedLoss = 0;
      for (int i = 0; i < LABELS.length; i++) {
        double[] expected = expectedLogits(kind, i, scale, margin);
        for (int j = 0; j < CLASSES; j++) {
          assertThat((double) actual[i * CLASSES + j])
              .as("logit %d,%d", i, j)
              .isCloseTo(expected[j], within(1e-4 * Math.max(1, Math.abs(expected[j]))));
        }
        expectedLoss += crossEntropy(expected, (int) LABELS[i]);
      }
      assertThat(loss).isCloseTo(expectedLoss / LABELS.length, within(1e-5));
    }
  }

  @Test
  @DisplayName("ArcFace past theta + m = pi takes the fallback cos(theta) - m sin(m)")
  void arcFaceFallback() {
    // Sample 1 (label 1) points away from W_1: theta_1 is near pi.
    float[] features = {-WEIGHTS[2], -WEIGHTS[3]};
    try (PointerScope scope = new PointerScope();
        MarginHead head = headWithWeights()) {
      float[] logits =
          Torch.toFloats(
              head.trainingLogits(
                  Torch.floats(features, 1, 2),
                  Torch.longs(new long[] {1}),
                  HeadKind.ARCFACE,
                  1,
                  0.5));
      assertThat((double) logits[1]).isCloseTo(-1 - 0.5 * Math.sin(0.5), within(1e-5));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = HeadKind.class,
      names = {"ARCFACE", "COSFACE", "NORMFACE"})
  @DisplayName("a feature exactly on its class direction (cos = 1) still has finite gradients")
  void noNanAtCosOne(HeadKind kind) {
    float[] features = {WEIGHTS[4] * 3, WEIGHTS[5] * 3, -WEIGHTS[4], -WEIGHTS[5]};
    try (PointerScope scope = new PointerScope();
        MarginHead head = headWithWeights()) {
      Tensor x = Torch.floats(features, 2, 2).requires_grad_(true);
      Tensor loss =
          nll_loss(
              log_softmax(head.trainingLogits(x, Torch.longs(new long[] {2, 2}), kind, 16, 0.5), 1),
              Torch.longs(new long[] {2, 2}));
      loss.backward();
      assertThat(Vec2List.copyOf(Torch.toFloats(x.grad())).allFinite()).isTrue();
      assertThat(Vec2List.copyOf(Torch.toFloats(head.weight().grad())).allFinite()).isTrue();
    }
  }

  @Test
  @DisplayName("L_C = 1/(2m) sum |x_i - c_y|^2 and its gradient (x_i - c_y)/m")
  void centerLossAndGradient() {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = Torch.floats(FEATURES, 6, 2).requires_grad_(true);
      Tensor loss = CenterLoss.loss(x, Torch.floats(CENTERS, CLASSES, 2), Torch.longs(LABELS));
      loss.backward();
      float[] gradient = Torch.toFloats(x.grad());
      double expected = 0;
      for (int i = 0; i < 6; i++) {
        int c = (int) LABELS[i];
        double dx = FEATURES[2 * i] - CENTERS[2 * c];
        double dy = FEATURES[2 * i + 1] - CENTERS[2 * c + 1];
        expected += dx * dx + dy * dy;
        assertThat((double) gradient[2 * i]).isCloseTo(dx / 6, within(1e-6));
        assertThat((double) gradient[2 * i + 1]).isCloseTo(dy / 6, within(1e-6));
      }
      assertThat(loss.item_double()).isCloseTo(expected / 12, within(1e-6));
    }
  }

  @ParameterizedTest
  @EnumSource(CenterRule.class)
  @DisplayName("the center update of each rule, and the paper's delta whatever the rule")
  void centerUpdate(CenterRule rule) {
    double alpha = 0.5;
    int[] counts = new int[CLASSES];
    for (long label : LABELS) {
      counts[(int) label]++;
    }
    try (PointerScope scope = new PointerScope()) {
      CenterLoss.Update update =
          CenterLoss.update(
              Torch.floats(FEATURES, 6, 2),
              Torch.floats(CENTERS, CLASSES, 2),
              Torch.longs(LABELS),
              counts,
              rule,
              alpha);
      // Class 0: samples 0, 3, 5 (n = 3). Worked by hand for the x coordinate:
      // sum(c - x) = 3 * (-0.5) - (1.5 + 2.2 + 0.8) = -6.0; paper delta = -6.0 / 4 = -1.5.
      assertThat((double) update.paperDeltas()[0]).isCloseTo(-1.5, within(1e-6));
      double expectedX0 = rule == CenterRule.PAPER ? -0.5 - 0.5 * -1.5 : -0.5 - 0.5 * -6.0 / 6;
      assertThat((double) update.centersAfter()[0]).isCloseTo(expectedX0, within(1e-6));
      for (int j = 0; j < CLASSES; j++) {
        for (int d = 0; d < 2; d++) {
          double sum = 0;
          for (int i = 0; i < 6; i++) {
            if (LABELS[i] == j) {
              sum += CENTERS[2 * j + d] - FEATURES[2 * i + d];
            }
          }
          double paperDelta = sum / (1 + counts[j]);
          double step = rule == CenterRule.PAPER ? alpha * paperDelta : alpha * sum / 6;
          assertThat((double) update.paperDeltas()[2 * j + d]).isCloseTo(paperDelta, within(1e-6));
          assertThat((double) update.centersAfter()[2 * j + d])
              .as("center %d", j)
              .isCloseTo(CENTERS[2 * j + d] - step, within(1e-6));
        }
      }
      // A class absent from the batch does not move (n_j = 0, delta 0).
      assertThat(update.centersAfter()[2 * 9]).isEqualTo(CENTERS[2 * 9]);
    }
  }

  private static MarginHead headWithWeights() {
    MarginHead head = new MarginHead(2, CLASSES);
    try (NoGradGuard noGrad = new NoGradGuard()) {
      head.weight().copy_(Torch.floats(WEIGHTS, CLASSES, 2));
      head.bias().copy_(Torch.floats(BIAS, CLASSES));
    }
    return head;
  }

  private static double[] expectedLogits(HeadKind kind, int i, double s, double m) {
    double x = FEATURES[2 * i];
    double y = FEATURES[2 * i + 1];
    int label = (int) LABELS[i];
    double[] logits = new double[CLASSES];
    for (int j = 0; j < CLASSES; j++) {
      double wx = WEIGHTS[2 * j];
      double wy = WEIGHTS[2 * j + 1];
      if (kind == HeadKind.SOFTMAX) {
        logits[j] = wx * x + wy * y + BIAS[j];
        continue;
      }
      double cos = (wx * x + wy * y) / (Math.hypot(x, y) * Math.hypot(wx, wy));
      double value = cos;
      if (j == label && kind == HeadKind.COSFACE) {
        value = cos - m;
      } else if (j == label && kind == HeadKind.ARCFACE) {
        double theta = Math.acos(cos);
        value = theta + m < Math.PI ? Math.cos(theta + m) : cos - m * Math.sin(m);
      }
      logits[j] = s * value;
    }
    return logits;
  }

  private static double crossEntropy(double[] logits, int label) {
    double max = Arrays.stream(logits).max().orElseThrow();
    double sum = 0;
    for (double l : logits) {
      sum += Math.exp(l - max);
    }
    return -(logits[label] - max - Math.log(sum));
  }
}
