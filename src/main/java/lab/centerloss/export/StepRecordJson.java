package lab.centerloss.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;

/**
 * One training step as a JSON object: the line format of {@code --record} and of the UI's
 * JSON Lines export. Field names are a stable interface that teachers' scripts read.
 */
public final class StepRecordJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StepRecordJson() {
    }

    public static ObjectNode toJson(StepSnapshot s) {
        var hp = s.hyperparameters();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("step", s.step());
        node.put("epoch", s.epoch());
        node.put("head", hp.head().id());
        node.put("lambda", hp.lambda());
        node.put("alpha", hp.alpha());
        node.put("center_rule", hp.centerRule().id());
        node.put("optimizer", hp.optimizer().id());
        node.put("lr", hp.learningRate());
        node.put("s", hp.scale());
        node.put("m", s.marginInForce());
        node.set("labels", ints(s.batchLabels()));
        node.set("features", points(s.batchFeatures()));
        node.set("centers_before", points(s.centersBefore()));
        node.set("centers_after", points(s.centersAfter()));
        node.set("class_counts", ints(s.classCounts()));
        node.set("head_weights", points(s.headWeights()));
        if (s.headBias().isPresent()) {
            ArrayNode bias = MAPPER.createArrayNode();
            var values = s.headBias().get();
            for (int i = 0; i < values.size(); i++) {
                addNumber(bias, values.get(i));
            }
            node.set("head_bias", bias);
        } else {
            node.putNull("head_bias");
        }
        putNumber(node, "loss_softmax", s.lossSoftmax());
        putNumber(node, "loss_center", s.lossCenter());
        putNumber(node, "loss_total", s.lossTotal());
        node.put("batch_accuracy", s.batchAccuracy());
        node.put("step_ms", s.stepMillis());
        if (s.divergence().isPresent()) {
            node.put("divergence", s.divergence().get());
        }
        return node;
    }

    public static String toLine(StepSnapshot snapshot) {
        return toJson(snapshot).toString();
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
