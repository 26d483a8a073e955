package lab.centerloss.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import lab.centerloss.testing.TestData;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.TrainingEngine;
import lab.centerloss.train.TrainingSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A recorded step must be the step that happened: from one line of {@code --record} alone, a
 * student recomputes the losses and the batch accuracy, in plain Java and double precision, written
 * from the papers' formulas (angles via acos, not the identities the trainer uses).
 */
class RecordedStepTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TrainingEngine engine;

  @BeforeAll
  static void open() {
    engine = TrainingEngine.open(TestData.mnist(), DeviceChoice.CPU, 0);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  /** Recorded lines of a short run, as the command line writes them. */
  private static List<JsonNode> record(Hyperparameters hp, int steps) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    try (TrainingSession session = engine.newSession(hp)) {
      for (int i = 0; i < steps; i++) {
        lines.add(JSON.readTree(StepRecordJson.toLine(session.step(hp))));
      }
    }
    return lines;
  }

  private static Hyperparameters settingsFor(HeadKind head) {
    Hyperparameters hp =
        Hyperparameters.recommendedFor(head).withBatchSize(64).withMarginWarmupSteps(0);
    return switch (head) {
      case SOFTMAX -> hp;
      case NORMFACE -> hp.withScale(12);
      case COSFACE -> hp.withMargin(0.15).withScale(12);
      // m = 1.2: theta + m passes pi for every sample farther than 111 degrees from its class
      case ARCFACE -> hp.withMargin(1.2).withScale(12).withLambda(0.05);
    };
  }

  @ParameterizedTest
  @EnumSource(HeadKind.class)
  @DisplayName(
      "each head's losses and batch accuracy follow from one recorded line, to 1e-5 relative")
  void lossesFollowFromOneLine(HeadKind head) throws Exception {
    // each line is checked on its own: four take the head through three updates of its weights
    // (the first line holds the initial ones), and ArcFace's m = 1.2 meets samples past pi - m
    // in every batch of an untrained network
    List<JsonNode> lines = record(settingsFor(head), 4);
    int fallbacks = 0;
    for (JsonNode line : lines) {
      Recomputed r = recompute(line);
      fallbacks += r.fallbacks;
      assertThat(r.softmaxLoss)
          .as("L_S at step %s", line.get("step"))
          .isCloseTo(
              line.get("loss_softmax").asDouble(),
              within(1e-5 * line.get("loss_softmax").asDouble()));
      assertThat(r.centerLoss)
          .as("L_C at step %s", line.get("step"))
          .isCloseTo(
              line.get("loss_center").asDouble(), within(1e-5 * Math.max(1e-3, r.centerLoss)));
      double lambda = line.get("lambda").asDouble();
      assertThat(line.get("loss_total").asDouble())
          .isCloseTo(
              r.softmaxLoss + lambda * r.centerLoss,
              within(1e-5 * line.get("loss_total").asDouble()));
      assertThat(line.get("batch_accuracy").asDouble()).isEqualTo(r.accuracy);
    }
    if (head == HeadKind.ARCFACE) {
      assertThat(fallbacks)
          .as("samples past theta = pi - m, where cos(theta) - m sin(m) is used")
          .isPositive();
    }
  }

  @Test
  @DisplayName(
      "a line holds both moves: the parameters after this step are the next step's before, and the features moved")
  void consecutiveLinesJoin() throws Exception {
    List<JsonNode> lines = record(settingsFor(HeadKind.SOFTMAX), 3);
    for (int i = 0; i + 1 < lines.size(); i++) {
      JsonNode now = lines.get(i);
      JsonNode next = lines.get(i + 1);
      assertThat(next.get("head_weights")).isEqualTo(now.get("head_weights_after"));
      assertThat(next.get("head_bias")).isEqualTo(now.get("head_bias_after"));
      assertThat(next.get("centers_before")).isEqualTo(now.get("centers_after"));
      assertThat(now.get("head_weights_after")).isNotEqualTo(now.get("head_weights"));
      assertThat(now.get("features_after")).hasSameSizeAs(now.get("features"));
      assertThat(now.get("features_after")).isNotEqualTo(now.get("features"));
    }
  }

  private record Recomputed(
      double softmaxLoss, double centerLoss, double accuracy, int fallbacks) {}

  /** Cross-entropy of the head named in the line, over the line's features, labels and weights. */
  private static Recomputed recompute(JsonNode line) {
    HeadKind head = HeadKind.valueOf(line.get("head").asText().toUpperCase());
    double s = line.get("s").asDouble();
    double m = line.get("m").asDouble();
    JsonNode features = line.get("features");
    JsonNode labels = line.get("labels");
    JsonNode weights = line.get("head_weights");
    JsonNode bias = line.get("head_bias");
    JsonNode centers = line.get("centers_before");
    int classes = weights.size();
    double loss = 0;
    double centerSum = 0;
    int correct = 0;
    int fallbacks = 0;
    for (int i = 0; i < features.size(); i++) {
      double x = features.get(i).get(0).asDouble();
      double y = features.get(i).get(1).asDouble();
      int label = labels.get(i).asInt();
      double[] logits = new double[classes];
      double[] plain = new double[classes];
      for (int j = 0; j < classes; j++) {
        double wx = weights.get(j).get(0).asDouble();
        double wy = weights.get(j).get(1).asDouble();
        if (head == HeadKind.SOFTMAX) {
          logits[j] = wx * x + wy * y + bias.get(j).asDouble();
          plain[j] = logits[j];
          continue;
        }
        double cos = (wx * x + wy * y) / (Math.hypot(x, y) * Math.hypot(wx, wy));
        plain[j] = cos;
        double target = cos;
        if (j == label && head == HeadKind.COSFACE) {
          target = cos - m;
        } else if (j == label && head == HeadKind.ARCFACE) {
          double theta = Math.acos(Math.max(-1, Math.min(1, cos)));
          if (theta + m < Math.PI) {
            target = Math.cos(theta + m);
          } else {
            target = cos - m * Math.sin(m);
            fallbacks++;
          }
        }
        logits[j] = s * target;
      }
      loss += crossEntropy(logits, label);
      correct += argmax(plain) == label ? 1 : 0;
      double dx = x - centers.get(label).get(0).asDouble();
      double dy = y - centers.get(label).get(1).asDouble();
      centerSum += dx * dx + dy * dy;
    }
    int batch = features.size();
    return new Recomputed(
        loss / batch, centerSum / (2.0 * batch), (double) correct / batch, fallbacks);
  }

  private static double crossEntropy(double[] logits, int label) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    for (double l : logits) {
      sum += Math.exp(l - max);
    }
    return -(logits[label] - max - Math.log(sum));
  }

  private static int argmax(double[] values) {
    int best = 0;
    for (int j = 1; j < values.length; j++) {
      if (values[j] > values[best]) {
        best = j;
      }
    }
    return best;
  }
}
