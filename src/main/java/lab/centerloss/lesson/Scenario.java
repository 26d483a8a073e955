package lab.centerloss.lesson;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import lab.centerloss.data.SmallFiles;
import lab.centerloss.store.HyperparametersJson;
import lab.centerloss.text.Message;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.Hyperparameters;

/**
 * A whole setup a teacher prepares and shares: the settings (the digits known included), what the
 * plane shows, and optionally a comparison to open. A scenario file is untrusted like a lesson:
 * read within a size limit, every field checked, nothing executed.
 *
 * <pre>{@code
 * {"format": 1, "settings": {"lambda": 0.1, "known": [2, 3, 4, 5, 8, 9]},
 *  "view": {"test": true, "train": false, "trails": true, "legend": true, "follow": true},
 *  "compare": "lambda"}
 * }</pre>
 */
public record Scenario(Hyperparameters settings, View view, Optional<ComparisonPreset> compare) {
  public static final int FORMAT = 1;
  public static final long MAX_BYTES = 64 * 1024;
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static {
    JSON.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
  }

  /** What the plane shows. */
  public record View(boolean test, boolean train, boolean trails, boolean legend, boolean follow) {
    public static View standard() {
      return new View(true, true, false, true, true);
    }
  }

  /** Writes the scenario as JSON text. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.set("settings", HyperparametersJson.toJson(settings));
    ObjectNode v = root.putObject("view");
    v.put("test", view.test());
    v.put("train", view.train());
    v.put("trails", view.trails());
    v.put("legend", view.legend());
    v.put("follow", view.follow());
    compare.ifPresent(preset -> root.put("compare", preset.id()));
    try {
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Scenario read(Path file) throws LessonFile.LessonException {
    String shown = file.toString();
    try {
      return parse(shown, SmallFiles.read(file, MAX_BYTES));
    } catch (SmallFiles.Refused e) {
      throw new LessonFile.LessonException(
          e.tooLarge()
              ? Message.of("scenario.tooLarge", shown, MAX_BYTES / 1024)
              : Message.of("files.notRegular", shown));
    } catch (NoSuchFileException e) {
      throw new LessonFile.LessonException(Message.of("scenario.missing", shown));
    } catch (IOException e) {
      throw new LessonFile.LessonException(
          Message.of("scenario.cannotRead", shown, e.getMessage()));
    }
  }

  public static Scenario parse(String shown, byte[] bytes) throws LessonFile.LessonException {
    if (bytes.length > MAX_BYTES) {
      throw new LessonFile.LessonException(
          Message.of("scenario.tooLarge", shown, MAX_BYTES / 1024));
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw new LessonFile.LessonException(Message.of("scenario.notJson", shown));
    } catch (IOException e) {
      throw new LessonFile.LessonException(
          Message.of("scenario.cannotRead", shown, e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new LessonFile.LessonException(Message.of("scenario.notJson", shown));
    }
    only(shown, "", root, Set.of("format", "settings", "view", "compare"));
    if (!root.path("format").isIntegralNumber()
        || !root.path("format").canConvertToLong()
        || root.path("format").asLong() != FORMAT) {
      throw bad(shown, "format", Message.of("scenario.format", FORMAT));
    }
    JsonNode settingsNode = root.get("settings");
    if (settingsNode == null || !settingsNode.isObject()) {
      throw bad(shown, "settings", Message.of("lesson.needObject"));
    }
    only(shown, "settings.", settingsNode, LessonFile.settingsFields()); // as in lessons (issue 25)
    var read = HyperparametersJson.fromJson(settingsNode, Hyperparameters.defaults());
    if (read.problem().isPresent()) {
      throw bad(shown, "settings", read.problem().get());
    }
    View view = View.standard();
    if (root.has("view")) {
      JsonNode v = root.get("view");
      if (!v.isObject()) {
        throw bad(shown, "view", Message.of("lesson.needObject"));
      }
      only(shown, "view.", v, Set.of("test", "train", "trails", "legend", "follow"));
      view =
          new View(
              flag(shown, v, "test", view.test()),
              flag(shown, v, "train", view.train()),
              flag(shown, v, "trails", view.trails()),
              flag(shown, v, "legend", view.legend()),
              flag(shown, v, "follow", view.follow()));
    }
    Optional<ComparisonPreset> compare = Optional.empty();
    if (root.hasNonNull("compare")) {
      String id = root.get("compare").asText("");
      for (ComparisonPreset preset : ComparisonPreset.values()) {
        if (preset.id().equals(id) && !preset.needsChange()) {
          compare = Optional.of(preset);
        }
      }
      if (compare.isEmpty()) {
        throw bad(
            shown,
            "compare",
            Message.of("lesson.needChoice", "lambda, heads, alpha, center-rule, train-test"));
      }
    }
    return new Scenario(read.hyperparameters().get(), view, compare);
  }

  private static boolean flag(String shown, JsonNode v, String name, boolean fallback)
      throws LessonFile.LessonException {
    if (!v.has(name)) {
      return fallback;
    }
    if (!v.get(name).isBoolean()) {
      throw bad(shown, "view." + name, Message.of("scenario.needBoolean"));
    }
    return v.get(name).asBoolean();
  }

  private static void only(String shown, String prefix, JsonNode node, Set<String> allowed)
      throws LessonFile.LessonException {
    Optional<String> unknown = LessonFile.unknownField(node, allowed);
    if (unknown.isPresent()) {
      throw bad(shown, prefix + unknown.get(), Message.of("lesson.unknownField"));
    }
  }

  private static LessonFile.LessonException bad(String shown, String field, Message problem) {
    return new LessonFile.LessonException(Message.of("scenario.badField", shown, field, problem));
  }
}
