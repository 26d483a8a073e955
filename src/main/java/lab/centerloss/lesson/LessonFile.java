package lab.centerloss.lesson;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import lab.centerloss.data.SmallFiles;
import lab.centerloss.store.HyperparametersJson;
import lab.centerloss.text.Message;
import lab.centerloss.text.Printable;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.SettingDescriptor;
import lab.centerloss.train.Settings;

/**
 * Reads lessons: the built-in ones from the app's resources, others from JSON files a teacher wrote
 * or was sent. A file from anyone is untrusted: it is read within a size limit, every field is
 * checked (names, types, ranges, both languages), nothing in it is executed, and a problem is one
 * sentence naming the step and the field.
 *
 * <pre>{@code
 * {"format": 1, "name": "center-loss", "title": {"en": "...", "zh-CN": "..."},
 *  "steps": [{"narration": {"en": "...", "zh-CN": "..."},
 *             "settings": {"lambda": 0.1},
 *             "action": {"type": "train", "until_step": 300},
 *             "question": {"en": "...", "zh-CN": "..."}}]}
 * }</pre>
 */
public final class LessonFile {
  public static final int FORMAT = 1;
  public static final long MAX_BYTES = 256 * 1024;
  public static final int MAX_STEPS = 30;
  public static final int MAX_TEXT = 2000;
  public static final long MAX_TRAIN_STEPS = 100_000;

  /** The built-in lessons, in teaching order. */
  public static final List<String> BUILT_IN =
      List.of(
          "softmax-alone", "center-loss", "center-update", "margins", "open-set", "verification");

  /** The controls a step may highlight: ids of the window's controls. */
  public static final Set<String> HIGHLIGHTABLE =
      Set.of(
          "pickPairButton",
          "headBox",
          "centerLossCheck",
          "lambdaSlider",
          "alphaSlider",
          "centerRuleBox",
          "centerInitBox",
          "learningRateSlider",
          "optimizerBox",
          "marginSlider",
          "marginWarmupBox",
          "scaleSlider",
          "modelBox",
          "batchSizeBox",
          "seedField",
          "playButton",
          "stepButton",
          "resetButton",
          "compareToggle",
          "scrubber",
          "scoreBox",
          "thresholdSlider",
          "regionsCheck",
          "languageBox");

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  /** A setup file's name beside the lesson: no folder, no way out of it. */
  private static final Pattern SETUP_NAME =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}\\.json");

  /** Strict: nothing may follow the lesson's object (issue 25: trailing text was accepted). */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static {
    JSON.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxStringLength((int) MAX_BYTES)
                .build());
  }

  private LessonFile() {}

  /** A lesson that cannot be used, with the one sentence that says why. */
  public static final class LessonException extends Exception {
    private final transient Message why;

    public LessonException(Message why) {
      super(why.key());
      this.why = why;
    }

    public Message why() {
      return why;
    }

    @Override
    public String getMessage() {
      return why.render();
    }
  }

  /** A built-in lesson by name, or a lesson file by path. */
  public static Lesson byNameOrFile(String nameOrFile) throws LessonException {
    if (BUILT_IN.contains(nameOrFile)) {
      return builtIn(nameOrFile);
    }
    if (!nameOrFile.contains("/") && !nameOrFile.contains("\\") && !nameOrFile.endsWith(".json")) {
      throw new LessonException(
          Message.of("lesson.unknown", nameOrFile, String.join(", ", BUILT_IN)));
    }
    return read(Path.of(nameOrFile));
  }

  public static Lesson builtIn(String name) throws LessonException {
    try (InputStream in =
        LessonFile.class.getResourceAsStream("/lab/centerloss/lessons/" + name + ".json")) {
      if (in == null) {
        throw new LessonException(Message.of("lesson.unknown", name, String.join(", ", BUILT_IN)));
      }
      return parse(name + ".json", in.readAllBytes());
    } catch (IOException e) {
      throw new LessonException(Message.of("lesson.cannotRead", name, e.getMessage()));
    }
  }

  public static List<Lesson> builtIns() {
    List<Lesson> lessons = new ArrayList<>();
    for (String name : BUILT_IN) {
      try {
        lessons.add(builtIn(name));
      } catch (LessonException e) {
        throw new IllegalStateException("built-in lesson " + name + ": " + e.getMessage());
      }
    }
    return lessons;
  }

  public static Lesson read(Path file) throws LessonException {
    String shown = file.toString();
    try {
      return parse(shown, SmallFiles.read(file, MAX_BYTES), file.toAbsolutePath().getParent());
    } catch (SmallFiles.Refused e) {
      throw new LessonException(
          e.tooLarge()
              ? Message.of("lesson.tooLarge", shown, MAX_BYTES / 1024)
              : Message.of("files.notRegular", shown));
    } catch (NoSuchFileException e) {
      throw new LessonException(Message.of("lesson.missing", shown));
    } catch (IOException e) {
      throw new LessonException(Message.of("lesson.cannotRead", shown, e.getMessage()));
    }
  }

  /**
   * Reads the bytes of a built-in lesson (which names no setup files); {@code shown} names it in
   * the messages.
   */
  public static Lesson parse(String shown, byte[] bytes) throws LessonException {
    return parse(shown, bytes, null);
  }

  /**
   * Reads the bytes of a lesson; {@code folder} is where its setup files may be (only there: a name
   * that leads out of it is refused), or null when it may name none.
   */
  public static Lesson parse(String shown, byte[] bytes, Path folder) throws LessonException {
    if (bytes.length > MAX_BYTES) {
      throw new LessonException(Message.of("lesson.tooLarge", shown, MAX_BYTES / 1024));
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw new LessonException(Message.of("lesson.notJson", shown));
    } catch (IOException e) {
      throw new LessonException(Message.of("lesson.cannotRead", shown, e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new LessonException(Message.of("lesson.notJson", shown));
    }
    onlyFields(shown, 0, "", root, Set.of("format", "name", "title", "steps"));
    JsonNode format = root.get("format");
    if (format == null || !format.isIntegralNumber() || !format.canConvertToLong()) {
      throw bad(shown, 0, "format", "lesson.needWhole");
    }
    if (format.asLong() != FORMAT) {
      throw new LessonException(Message.of("lesson.newer", shown, format.asLong(), FORMAT));
    }
    JsonNode nameNode = root.get("name");
    if (nameNode == null || !nameNode.isTextual() || !NAME.matcher(nameNode.asText()).matches()) {
      throw bad(shown, 0, "name", "lesson.needName");
    }
    LocalizedText title = text(shown, 0, "title", root.get("title"));
    JsonNode stepsNode = root.get("steps");
    if (stepsNode == null
        || !stepsNode.isArray()
        || stepsNode.isEmpty()
        || stepsNode.size() > MAX_STEPS) {
      throw bad(shown, 0, "steps", "lesson.needStepList", MAX_STEPS);
    }
    List<LessonStep> steps = new ArrayList<>();
    for (int i = 0; i < stepsNode.size(); i++) {
      steps.add(step(shown, i + 1, stepsNode.get(i), folder));
    }
    return new Lesson(nameNode.asText(), title, steps, Optional.ofNullable(folder));
  }

  /**
   * Whether a file named in the lesson's folder is there once links are followed (issue 25): a
   * setup that is a link to a file elsewhere is outside the folder. A file that does not exist is
   * left to {@link Scenario#read} to name.
   */
  private static boolean insideByRealPath(Path file, Path folder) {
    if (!Files.exists(file)) {
      return true;
    }
    try {
      Path real = file.toRealPath();
      return real.getParent() != null && real.getParent().equals(folder.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  private static LessonStep step(String shown, int number, JsonNode node, Path folder)
      throws LessonException {
    if (node == null || !node.isObject()) {
      throw bad(shown, number, "", "lesson.needObject");
    }
    onlyFields(
        shown, number, "", node, Set.of("narration", "scenario", "settings", "action", "question"));
    Optional<Scenario> scenario = Optional.empty();
    if (node.hasNonNull("scenario")) {
      String name = node.get("scenario").asText("");
      Path file =
          folder == null || !SETUP_NAME.matcher(name).matches()
              ? null
              : folder.resolve(name).normalize();
      if (file == null
          || !file.getParent().equals(folder.normalize())
          || !insideByRealPath(file, folder)) {
        throw bad(shown, number, "scenario", "scenario.outside");
      }
      scenario = Optional.of(Scenario.read(file));
    }
    LocalizedText narration = text(shown, number, "narration", node.get("narration"));
    Optional<LocalizedText> question =
        node.hasNonNull("question")
            ? Optional.of(text(shown, number, "question", node.get("question")))
            : Optional.empty();
    Optional<JsonNode> settings = Optional.empty();
    if (node.hasNonNull("settings")) {
      JsonNode s = node.get("settings");
      if (!s.isObject()) {
        throw bad(shown, number, "settings", "lesson.needObject");
      }
      onlyFields(shown, number, "settings.", s, settingsFields());
      var read = HyperparametersJson.fromJson(s, Hyperparameters.defaults());
      if (read.problem().isPresent()) {
        throw new LessonException(
            Message.of("lesson.badSettings", shown, number, read.problem().get()));
      }
      settings = Optional.of(s);
    }
    LessonAction action =
        node.hasNonNull("action")
            ? action(shown, number, node.get("action"))
            : new LessonAction.None();
    return new LessonStep(narration, scenario, settings, action, question);
  }

  private static LessonAction action(String shown, int number, JsonNode node)
      throws LessonException {
    if (!node.isObject() || !node.hasNonNull("type") || !node.get("type").isTextual()) {
      throw bad(shown, number, "action.type", "lesson.needActionType");
    }
    String type = node.get("type").asText();
    switch (type) {
      case "none" -> {
        onlyFields(shown, number, "action.", node, Set.of("type"));
        return new LessonAction.None();
      }
      case "reset" -> {
        onlyFields(shown, number, "action.", node, Set.of("type"));
        return new LessonAction.Reset();
      }
      case "step_through" -> {
        onlyFields(shown, number, "action.", node, Set.of("type"));
        return new LessonAction.StepThrough();
      }
      case "train" -> {
        onlyFields(
            shown,
            number,
            "action.",
            node,
            Set.of("type", "until_step", "until_accuracy", "max_steps"));
        if (node.has("until_step") == node.has("until_accuracy")) {
          throw bad(shown, number, "action.until_step", "lesson.needUntil");
        }
        if (node.has("until_step")) {
          return new LessonAction.TrainUntilStep(
              steps(shown, number, "action.until_step", node.get("until_step")));
        }
        JsonNode accuracy = node.get("until_accuracy");
        if (!accuracy.isNumber() || !(accuracy.asDouble() > 0 && accuracy.asDouble() <= 1)) {
          throw bad(shown, number, "action.until_accuracy", "lesson.needAccuracy");
        }
        long max =
            node.has("max_steps")
                ? steps(shown, number, "action.max_steps", node.get("max_steps"))
                : 3000;
        return new LessonAction.TrainUntilAccuracy(accuracy.asDouble(), max);
      }
      case "show" -> {
        onlyFields(shown, number, "action.", node, Set.of("type", "tab"));
        String tab = node.path("tab").asText("");
        for (LessonTab t : LessonTab.values()) {
          if (t.id().equals(tab)) {
            return new LessonAction.ShowTab(t);
          }
        }
        throw bad(
            shown,
            number,
            "action.tab",
            "lesson.needChoice",
            "controls, center-update, margins, open-set, export");
      }
      case "compare" -> {
        onlyFields(shown, number, "action.", node, Set.of("type", "preset", "until_step"));
        String preset = node.path("preset").asText("");
        ComparisonPreset chosen = null;
        for (ComparisonPreset p : ComparisonPreset.values()) {
          if (p.id().equals(preset) && !p.needsChange()) {
            chosen = p;
          }
        }
        if (chosen == null) {
          throw bad(
              shown,
              number,
              "action.preset",
              "lesson.needChoice",
              "lambda, heads, alpha, center-rule, train-test");
        }
        long until =
            node.has("until_step")
                ? steps(shown, number, "action.until_step", node.get("until_step"))
                : 0;
        return new LessonAction.Compare(chosen, until);
      }
      case "highlight" -> {
        onlyFields(shown, number, "action.", node, Set.of("type", "control"));
        String control = node.path("control").asText("");
        if (!HIGHLIGHTABLE.contains(control)) {
          throw bad(
              shown,
              number,
              "action.control",
              "lesson.needChoice",
              String.join(", ", new TreeSet<>(HIGHLIGHTABLE)));
        }
        return new LessonAction.Highlight(control);
      }
      default ->
          throw bad(
              shown,
              number,
              "action.type",
              "lesson.needChoice",
              "none, reset, train, step_through, show, compare, highlight");
    }
  }

  private static long steps(String shown, int number, String field, JsonNode node)
      throws LessonException {
    // canConvertToLong: 2^64 + 5 is not 5 (a BigInteger's asLong keeps its low bits)
    if (node == null
        || !node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.asLong() < 0
        || node.asLong() > MAX_TRAIN_STEPS) {
      throw bad(shown, number, field, "lesson.needStepNumber", MAX_TRAIN_STEPS);
    }
    return node.asLong();
  }

  private static LocalizedText text(String shown, int number, String field, JsonNode node)
      throws LessonException {
    if (node == null || !node.isObject()) {
      throw bad(shown, number, field, "lesson.needBoth");
    }
    onlyFields(shown, number, field + ".", node, Set.of("en", "zh-CN"));
    String english = node.path("en").asText("");
    String chinese = node.path("zh-CN").asText("");
    if (!node.path("en").isTextual()
        || !node.path("zh-CN").isTextual()
        || english.isBlank()
        || chinese.isBlank()) {
      throw bad(shown, number, field, "lesson.needBoth");
    }
    if (english.length() > MAX_TEXT || chinese.length() > MAX_TEXT) {
      throw bad(shown, number, field, "lesson.tooLong", MAX_TEXT);
    }
    return new LocalizedText(english, chinese);
  }

  private static void onlyFields(
      String shown, int number, String prefix, JsonNode node, Set<String> allowed)
      throws LessonException {
    Optional<String> unknown = unknownField(node, allowed);
    if (unknown.isPresent()) {
      throw bad(shown, number, prefix + unknown.get(), "lesson.unknownField");
    }
  }

  /** The fields a settings object may have: those the app writes. */
  static Set<String> settingsFields() {
    // every setting's field, those written only when not at their default (feature_dim) too
    Set<String> known = new TreeSet<>();
    for (SettingDescriptor<?> setting : Settings.ALL) {
      known.add(setting.jsonName());
    }
    return known;
  }

  /**
   * The first field of a JSON object that is not among the allowed ones: files from others name
   * only what we read.
   */
  static Optional<String> unknownField(JsonNode node, Set<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        return Optional.of(Printable.of(name)); // it is echoed to a terminal
      }
    }
    return Optional.empty();
  }

  /** "Lesson x.json, step 3, field action.until_step: must be ..." */
  private static LessonException bad(
      String shown, int number, String field, String problemKey, Object... arguments) {
    Message problem = Message.of(problemKey, arguments);
    return new LessonException(
        number == 0
            ? Message.of("lesson.badField", shown, field, problem)
            : Message.of(
                "lesson.badStepField", shown, number, field.isEmpty() ? "-" : field, problem));
  }
}
