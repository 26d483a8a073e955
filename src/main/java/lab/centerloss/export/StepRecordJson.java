package lab.centerloss.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lab.centerloss.train.FeatureRows;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;

/**
 * One training step as a JSON object: the line format of {@code --record} and of the UI's JSON
 * Lines export. Field names are a stable interface that teachers' scripts read.
 */
public final class StepRecordJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StepRecordJson() {}

  public static ObjectNode toJson(StepSnapshot s) {
    var hp = s.hyperparameters();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("step", s.step());
    node.put("epoch", s.epoch());
    node.put("head", hp.head().id());
    node.put("lambda", hp.lambda());
    node.put("alpha", hp.alpha());
    node.put("center_rule", hp.centerRule().id());
    node.put("center_init", hp.centerInit().id());
    node.put("optimizer", hp.optimizer().id());
    node.put("lr", s.learningRateInForce());
    node.put("s", hp.scale());
    node.put("m", s.marginInForce());
    node.set("labels", ints(s.batch().labels()));
    node.set("features", points(s.batch().features()));
    if (s.batch().featuresAfter().isPresent()) {
      node.set("features_after", points(s.batch().featuresAfter().get()));
    } else {
      node.putNull("features_after"); // not computed: the window trained this step at full speed
    }
    node.set("centers_before", points(s.centers().before()));
    node.set("centers_after", points(s.centers().after()));
    node.set("class_counts", ints(s.batch().classCounts()));
    node.set("head_weights", points(s.head().weights()));
    node.set("head_bias", bias(s.head()));
    node.set("head_weights_after", points(s.headAfter().weights()));
    node.set("head_bias_after", bias(s.headAfter()));
    putNumber(node, "loss_softmax", s.scalars().lossSoftmax());
    putNumber(node, "loss_center", s.scalars().lossCenter());
    putNumber(node, "loss_total", s.scalars().lossTotal());
    node.put("batch_accuracy", s.scalars().batchAccuracy());
    putNumber(node, "gradient_norm", s.scalars().gradientNorm());
    node.put("step_ms", s.stepMillis());
    if (s.divergence().isPresent()) {
      node.put("divergence", s.divergence().get().forFiles());
    }
    return node;
  }

  /** The softmax head's bias, or null for the normalized heads (which have none). */
  private static JsonNode bias(StepSnapshot.HeadParameters head) {
    if (head.bias().isEmpty()) {
      return MAPPER.nullNode();
    }
    ArrayNode bias = MAPPER.createArrayNode();
    var values = head.bias().get();
    for (int i = 0; i < values.size(); i++) {
      addNumber(bias, values.get(i));
    }
    return bias;
  }

  public static String toLine(StepSnapshot snapshot) {
    return toJson(snapshot).toString();
  }

  /** Rows of any size, each as an array of its d numbers. */
  public static ArrayNode rows(FeatureRows rows) {
    ArrayNode array = MAPPER.createArrayNode();
    for (int i = 0; i < rows.size(); i++) {
      ArrayNode row = array.addArray();
      for (int k = 0; k < rows.dimensions(); k++) {
        addNumber(row, rows.get(i, k));
      }
    }
    return array;
  }

  public static ArrayNode points(Vec2List points) {
    ArrayNode array = MAPPER.createArrayNode();
    for (int i = 0; i < points.size(); i++) {
      ArrayNode point = array.addArray();
      addNumber(point, points.x(i));
      addNumber(point, points.y(i));
    }
    return array;
  }

  /** A number, or null where it is NaN or infinite (JSON has no such numbers). */
  public static void putNumber(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  private static void addNumber(ArrayNode array, float value) {
    if (Float.isFinite(value)) {
      array.add(value);
    } else {
      array.addNull();
    }
  }

  private static ArrayNode ints(IntVector values) {
    ArrayNode array = MAPPER.createArrayNode();
    for (int i = 0; i < values.size(); i++) {
      array.add(values.get(i));
    }
    return array;
  }
}
