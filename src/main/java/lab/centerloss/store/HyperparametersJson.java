package lab.centerloss.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import lab.centerloss.text.Ids;
import lab.centerloss.text.Message;
import lab.centerloss.train.DigitSet;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.SettingDescriptor;
import lab.centerloss.train.Settings;

/**
 * Settings as JSON, one field per setting of {@link Settings#ALL} under its JSON name, read back
 * only as numbers and names that are checked: a file from elsewhere never chooses which Java class
 * is made. Missing fields take the defaults, so that an older file still reads.
 */
public final class HyperparametersJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HyperparametersJson() {}

  public static ObjectNode toJson(Hyperparameters hp) {
    ObjectNode node = JSON.createObjectNode();
    for (SettingDescriptor<?> setting : Settings.ALL) {
      write(node, setting, hp);
    }
    return node;
  }

  private static <T> void write(ObjectNode node, SettingDescriptor<T> setting, Hyperparameters hp) {
    T value = setting.of(hp);
    if (setting.writtenWhenNotDefault() && value.equals(setting.defaultValue())) {
      return;
    }
    String field = setting.jsonName();
    switch (setting.kind()) {
      case REAL -> node.put(field, (Double) value);
      case WHOLE -> node.put(field, (Integer) value);
      case LONG -> node.put(field, (Long) value);
      case CHOICE -> node.put(field, Ids.of((Enum<?>) value));
      case DIGITS -> {
        ArrayNode digits = node.putArray(field);
        for (int digit : DigitSet.digits((Integer) value)) {
          digits.add(digit);
        }
      }
    }
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
      Hyperparameters hp = base;
      for (SettingDescriptor<?> setting : Settings.ALL) {
        hp = read(node, setting, hp);
      }
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

  /** The record with this setting's field read over it; the record as it was without the field. */
  private static <T> Hyperparameters read(
      JsonNode node, SettingDescriptor<T> setting, Hyperparameters hp) throws BadField {
    JsonNode v = node.get(setting.jsonName());
    if (v == null || v.isNull()) {
      return hp;
    }
    Object value =
        switch (setting.kind()) {
          case REAL -> number(v, setting.jsonName());
          case WHOLE -> (int) whole(v, setting.jsonName(), Integer.MIN_VALUE, Integer.MAX_VALUE);
          case LONG -> whole(v, setting.jsonName(), Long.MIN_VALUE, Long.MAX_VALUE);
          case CHOICE -> choice(v, setting);
          case DIGITS -> digits(v, setting.jsonName());
        };
    return setting.with(hp, setting.type().cast(value));
  }

  private static double number(JsonNode v, String field) throws BadField {
    if (!v.isNumber()) {
      throw new BadField(Message.of("json.notNumber", field));
    }
    return v.asDouble();
  }

  private static long whole(JsonNode v, String field, long min, long max) throws BadField {
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new BadField(Message.of("json.notWhole", field));
    }
    long value = v.asLong();
    if (value < min || value > max) {
      throw new BadField(Message.of("json.notWhole", field));
    }
    return value;
  }

  /** A list of distinct digits 0..9 as bits. */
  private static int digits(JsonNode v, String field) throws BadField {
    if (!v.isArray() || v.size() > 10) {
      throw new BadField(Message.of("json.notDigits", field));
    }
    int mask = 0;
    for (JsonNode digit : v) {
      if (!digit.isInt()
          || digit.asInt() < 0
          || digit.asInt() > 9
          || (mask & (1 << digit.asInt())) != 0) {
        throw new BadField(Message.of("json.notDigits", field));
      }
      mask |= 1 << digit.asInt();
    }
    return mask;
  }

  private static <T> T choice(JsonNode v, SettingDescriptor<T> setting) throws BadField {
    if (v.isTextual()) {
      Optional<T> chosen = setting.choice(v.asText());
      if (chosen.isPresent()) {
        return chosen.get();
      }
    }
    StringBuilder names = new StringBuilder();
    for (T value : setting.choices()) {
      names.append(names.length() == 0 ? "" : ", ").append(Ids.of((Enum<?>) value));
    }
    throw new BadField(Message.of("json.notChoice", setting.jsonName(), names.toString()));
  }
}
