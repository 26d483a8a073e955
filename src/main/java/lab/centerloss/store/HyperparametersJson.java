package lab.centerloss.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lab.centerloss.text.Message;
import lab.centerloss.train.CenterInit;
import lab.centerloss.train.CenterRule;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ModelSize;
import lab.centerloss.train.OptimizerKind;

/**
 * Settings as JSON, field by field, read back only as numbers and names that are checked: a file
 * from elsewhere never chooses which Java class is made. Missing fields take the defaults, so that
 * an older file still reads.
 */
public final class HyperparametersJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HyperparametersJson() {}

  public static ObjectNode toJson(Hyperparameters hp) {
    ObjectNode node = JSON.createObjectNode();
    node.put("model", hp.model().id());
    node.put("head", hp.head().id());
    node.put("lambda", hp.lambda());
    node.put("alpha", hp.alpha());
    node.put("center_rule", hp.centerRule().id());
    node.put("center_init", hp.centerInit().id());
    node.put("optimizer", hp.optimizer().id());
    node.put("lr", hp.learningRate());
    node.put("lr_warmup", hp.learningRateWarmupSteps());
    node.put("momentum", hp.momentum());
    node.put("weight_decay", hp.weightDecay());
    node.put("clip_grad_norm", hp.gradientClipNorm());
    node.put("s", hp.scale());
    node.put("m", hp.margin());
    node.put("margin_warmup", hp.marginWarmupSteps());
    node.put("batch_size", hp.batchSize());
    node.put("seed", hp.seed());
    var known = node.putArray("known");
    for (int digit : hp.classDigits()) {
      known.add(digit);
    }
    return node;
  }

  /**
   * The settings a JSON object describes, over {@code base} for what it leaves out; empty with the
   * reason when a field has the wrong type, an unknown name, or an impossible value.
   */
  public static Result fromJson(JsonNode node, Hyperparameters base) {
    if (node == null || !node.isObject()) {
      return Result.problem(Message.of("json.notSettings"));
    }
    try {
      Hyperparameters.Builder b = base.toBuilder();
      b.model(choice(node, "model", ModelSize.values(), base.model()));
      b.head(choice(node, "head", HeadKind.values(), base.head()));
      b.lambda(number(node, "lambda", base.lambda()));
      b.alpha(number(node, "alpha", base.alpha()));
      b.centerRule(choice(node, "center_rule", CenterRule.values(), base.centerRule()));
      b.centerInit(choice(node, "center_init", CenterInit.values(), base.centerInit()));
      b.optimizer(choice(node, "optimizer", OptimizerKind.values(), base.optimizer()));
      b.learningRate(number(node, "lr", base.learningRate()));
      b.learningRateWarmupSteps((int) whole(node, "lr_warmup", base.learningRateWarmupSteps()));
      b.momentum(number(node, "momentum", base.momentum()));
      b.weightDecay(number(node, "weight_decay", base.weightDecay()));
      b.gradientClipNorm(number(node, "clip_grad_norm", base.gradientClipNorm()));
      b.scale(number(node, "s", base.scale()));
      b.margin(number(node, "m", base.margin()));
      b.marginWarmupSteps((int) whole(node, "margin_warmup", base.marginWarmupSteps()));
      b.batchSize((int) whole(node, "batch_size", base.batchSize()));
      b.seed(whole(node, "seed", base.seed()));
      b.knownDigits(known(node, base.knownDigits()));
      Hyperparameters hp = b.build();
      List<Message> problems = hp.problems();
      return problems.isEmpty()
          ? new Result(Optional.of(hp), Optional.empty())
          : Result.problem(problems.get(0));
    } catch (BadField e) {
      return Result.problem(e.message);
    }
  }

  /** The settings, or why not. */
  public record Result(Optional<Hyperparameters> hyperparameters, Optional<Message> problem) {
    static Result problem(Message why) {
      return new Result(Optional.empty(), Optional.of(why));
    }
  }

  private static final class BadField extends Exception {
    final transient Message message;

    BadField(Message message) {
      super(message.key());
      this.message = message;
    }
  }

  private static double number(JsonNode node, String field, double fallback) throws BadField {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw new BadField(Message.of("json.notNumber", field));
    }
    return v.asDouble();
  }

  private static long whole(JsonNode node, String field, long fallback) throws BadField {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new BadField(Message.of("json.notWhole", field));
    }
    long value = v.asLong();
    if (!field.equals("seed") && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
      throw new BadField(Message.of("json.notWhole", field));
    }
    return value;
  }

  /** A list of distinct digits 0..9 as bits. */
  private static int known(JsonNode node, int fallback) throws BadField {
    JsonNode v = node.get("known");
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isArray() || v.size() > 10) {
      throw new BadField(Message.of("json.notDigits", "known"));
    }
    int mask = 0;
    for (JsonNode digit : v) {
      if (!digit.isInt()
          || digit.asInt() < 0
          || digit.asInt() > 9
          || (mask & (1 << digit.asInt())) != 0) {
        throw new BadField(Message.of("json.notDigits", "known"));
      }
      mask |= 1 << digit.asInt();
    }
    return mask;
  }

  private static <E extends Enum<E>> E choice(JsonNode node, String field, E[] values, E fallback)
      throws BadField {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isTextual()) {
      for (E value : values) {
        if (value.name().toLowerCase(Locale.ROOT).equals(v.asText().toLowerCase(Locale.ROOT))) {
          return value;
        }
      }
    }
    StringBuilder names = new StringBuilder();
    for (E value : values) {
      names.append(names.length() == 0 ? "" : ", ").append(value.name().toLowerCase(Locale.ROOT));
    }
    throw new BadField(Message.of("json.notChoice", field, names.toString()));
  }
}
