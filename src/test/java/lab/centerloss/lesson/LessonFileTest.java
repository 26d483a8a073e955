package lab.centerloss.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.Hyperparameters;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lesson files: the five built-in ones, and what a broken file from anyone is told. */
class LessonFileTest {
  private static final String STEP = "{\"narration\": {\"en\": \"Look.\", \"zh-CN\": \"看。\"}}";

  private static String lesson(String steps) {
    return "{\"format\": 1, \"name\": \"mine\", \"title\": {\"en\": \"Mine\", \"zh-CN\": \"我的\"}, \"steps\": ["
        + steps
        + "]}";
  }

  private static String step(String rest) {
    return "{\"narration\": {\"en\": \"Look.\", \"zh-CN\": \"看。\"}, " + rest + "}";
  }

  @Test
  @DisplayName(
      "six built-in lessons in teaching order, 5 to 10 steps each, every text in both languages, every setting possible")
  void builtIns() {
    List<Lesson> lessons = LessonFile.builtIns();
    assertThat(lessons)
        .extracting(Lesson::name)
        .containsExactly(
            "softmax-alone", "center-loss", "center-update", "margins", "open-set", "verification");
    for (Lesson lesson : lessons) {
      assertThat(lesson.steps()).as(lesson.name()).hasSizeBetween(5, 10);
      Hyperparameters settings = Hyperparameters.defaults();
      for (LessonStep step : lesson.steps()) {
        settings = step.apply(settings);
        assertThat(settings.problems()).as(lesson.name()).isEmpty();
        assertThat(step.narration().english()).isNotBlank();
        assertThat(step.narration().chinese()).containsPattern("\\p{IsHan}");
        step.question().ifPresent(q -> assertThat(q.chinese()).containsPattern("\\p{IsHan}"));
      }
      assertThat(lesson.steps())
          .as(lesson.name() + " asks the class something")
          .anyMatch(step -> step.question().isPresent());
    }
  }

  @Test
  @DisplayName(
      "the lessons cover what the issue lists: petals, the lambda preset, the step-through, the margins, the open set")
  void lessonsDoWhatTheyTeach() throws Exception {
    assertThat(actions("center-loss"))
        .contains(new LessonAction.Compare(ComparisonPreset.LAMBDA, 1500));
    assertThat(actions("center-update")).contains(new LessonAction.StepThrough());
    assertThat(actions("open-set")).contains(new LessonAction.ShowTab(LessonTab.OPEN_SET));
    Lesson margins = LessonFile.builtIn("margins");
    Hyperparameters settings = Hyperparameters.defaults();
    Set<String> heads = new TreeSet<>();
    for (LessonStep step : margins.steps()) {
      settings = step.apply(settings);
      heads.add(settings.head().id());
    }
    assertThat(heads).contains("normface", "cosface", "arcface");
    Hyperparameters openSet =
        LessonFile.builtIn("open-set").steps().get(0).apply(Hyperparameters.defaults());
    assertThat(openSet.classDigits()).containsExactly(2, 3, 4, 5, 8, 9);
  }

  private static List<LessonAction> actions(String name) throws Exception {
    return LessonFile.builtIn(name).steps().stream().map(LessonStep::action).toList();
  }

  @Test
  @DisplayName("every control a lesson may highlight exists in the window's FXML")
  void highlightableControlsExist() throws IOException {
    Set<String> ids = new TreeSet<>();
    Pattern id = Pattern.compile("fx:id=\"([A-Za-z0-9]+)\"");
    try (Stream<Path> files = Files.list(Path.of("fxml"))) {
      for (Path file : files.toList()) {
        Matcher m = id.matcher(Files.readString(file));
        while (m.find()) {
          ids.add(m.group(1));
        }
      }
    }
    assertThat(ids).containsAll(LessonFile.HIGHLIGHTABLE);
  }

  @Test
  @DisplayName("a lesson file read from disk; a step's settings change only what they name")
  void readsAFile(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("mine.json");
    Files.writeString(
        file,
        lesson(
            step(
                "\"settings\": {\"lambda\": 0.3}, \"action\": {\"type\": \"train\", \"until_step\": 40}, "
                    + "\"question\": {\"en\": \"Why?\", \"zh-CN\": \"为什么？\"}")));
    Lesson read = LessonFile.byNameOrFile(file.toString());
    assertThat(read.name()).isEqualTo("mine");
    LessonStep only = read.steps().get(0);
    assertThat(only.action()).isEqualTo(new LessonAction.TrainUntilStep(40));
    Hyperparameters before = Hyperparameters.defaults().withAlpha(0.9);
    assertThat(only.apply(before)).isEqualTo(before.withLambda(0.3));
    assertThat(only.question().orElseThrow().chinese()).isEqualTo("为什么？");
  }

  @Test
  @DisplayName(
      "a setup beside a lesson: read with it, applied before the step's own settings; a name leading out of the folder is refused")
  void setupsBesideALesson(@TempDir Path folder) throws Exception {
    Scenario setup =
        new Scenario(
            Hyperparameters.defaults().withLambda(0.7).withSeed(5),
            new Scenario.View(true, false, true, true, false),
            Optional.of(ComparisonPreset.ALPHA));
    Files.writeString(folder.resolve("setup.json"), setup.toJson());
    assertThat(Scenario.read(folder.resolve("setup.json"))).isEqualTo(setup);
    Path file = folder.resolve("with-setup.json");
    Files.writeString(
        file, lesson(step("\"scenario\": \"setup.json\", \"settings\": {\"alpha\": 0.2}")));
    LessonStep only = LessonFile.read(file).steps().get(0);
    assertThat(only.scenario()).contains(setup);
    assertThat(only.apply(Hyperparameters.defaults())).isEqualTo(setup.settings().withAlpha(0.2));
    for (String outside : List.of("../setup.json", "sub/setup.json", "/etc/passwd", "setup.txt")) {
      Files.writeString(file, lesson(step("\"scenario\": \"" + outside + "\"")));
      assertThatThrownBy(() -> LessonFile.read(file))
          .as(outside)
          .hasMessage(
              "Lesson "
                  + file
                  + ", step 1, field scenario: must name a file in the lesson's own folder.");
    }
    Files.writeString(file, lesson(step("\"scenario\": \"setup.json\"")));
    assertThatThrownBy(() -> LessonFile.parse("built-in", Files.readAllBytes(file)))
        .as("a built-in lesson names no setup files")
        .hasMessageContaining("field scenario");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not a flag | {\"format\": 1, \"settings\": {}, \"view\": {\"test\": 1}} | Setup x.json, field view.test: must be true or false.",
        "an unknown field | {\"format\": 1, \"settings\": {}, \"script\": \"x\"} | Setup x.json, field script: no such field.",
        "an impossible setting | {\"format\": 1, \"settings\": {\"alpha\": 3}} | Setup x.json, field settings: alpha must lie between 0 and 1 (it is 3.0).",
        "an unknown comparison | {\"format\": 1, \"settings\": {}, \"compare\": \"all\"} | Setup x.json, field compare: must be one of lambda, heads, alpha, center-rule, train-test.",
        "another format | {\"format\": 9, \"settings\": {}} | Setup x.json, field format: must be 1, the format this app reads.",
      })
  void brokenSetups(String what, String json, String sentence) {
    assertThatThrownBy(() -> Scenario.parse("x.json", json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(LessonFile.LessonException.class)
        .hasMessage(sentence);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON | [1, 2 | The lesson file x.json is not a JSON object.",
        "a newer format | {\"format\": 2} | The lesson file x.json has format 2; this app reads format 1.",
        "an unknown field | {\"format\": 1, \"run\": \"rm -rf /\"} | Lesson x.json, field run: no such field.",
        "no steps | {\"format\": 1, \"name\": \"a\", \"title\": {\"en\": \"A\", \"zh-CN\": \"甲\"}, \"steps\": []} | Lesson x.json, field steps: must be a list of 1 to 30 steps.",
        "a name with a path | {\"format\": 1, \"name\": \"../a\"} | Lesson x.json, field name: must be a short name of lower-case letters, digits and dashes.",
      })
  void brokenFiles(String what, String json, String sentence) {
    assertThatThrownBy(() -> LessonFile.parse("x.json", json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(LessonFile.LessonException.class)
        .hasMessage(sentence);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no Chinese | {\"narration\": {\"en\": \"Look.\"}} | Lesson x.json, step 1, field narration: must hold the text in both languages, \"en\" and \"zh-CN\".",
        "an unknown action | {\"narration\": {\"en\": \"a\", \"zh-CN\": \"甲\"}, \"action\": {\"type\": \"shell\"}} | Lesson x.json, step 1, field action.type: must be one of none, reset, train, step_through, show, compare, highlight.",
        "train without a goal | {\"narration\": {\"en\": \"a\", \"zh-CN\": \"甲\"}, \"action\": {\"type\": \"train\"}} | Lesson x.json, step 1, field action.until_step: a training action names either until_step or until_accuracy.",
        "a negative step | {\"narration\": {\"en\": \"a\", \"zh-CN\": \"甲\"}, \"action\": {\"type\": \"train\", \"until_step\": -5}} | Lesson x.json, step 1, field action.until_step: must be a whole number of steps from 0 to 100,000.",
        "an accuracy above 1 | {\"narration\": {\"en\": \"a\", \"zh-CN\": \"甲\"}, \"action\": {\"type\": \"train\", \"until_accuracy\": 95}} | Lesson x.json, step 1, field action.until_accuracy: must be a fraction above 0 and at most 1.",
        "an unknown preset | {\"narration\": {\"en\": \"a\", \"zh-CN\": \"甲\"}, \"action\": {\"type\": \"compare\", \"preset\": \"all\"}} | Lesson x.json, step 1, field action.preset: must be one of lambda, heads, alpha, center-rule, train-test.",
        "an unknown setting | {\"narration\": {\"en\": \"a\", \"zh-CN\": \"甲\"}, \"settings\": {\"lamda\": 1}} | Lesson x.json, step 1, field settings.lamda: no such field.",
      })
  void brokenSteps(String what, String stepJson, String sentence) {
    assertThatThrownBy(
            () -> LessonFile.parse("x.json", lesson(stepJson).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(LessonFile.LessonException.class)
        .hasMessage(sentence);
  }

  @Test
  @DisplayName(
      "an impossible setting, a control the window does not have, too many steps, too long a text, too large a file")
  void limits(@TempDir Path folder) throws IOException {
    assertThatThrownBy(
            () ->
                LessonFile.parse(
                    "x.json",
                    lesson(step("\"settings\": {\"alpha\": 7}")).getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("Lesson x.json, step 1, field settings: ");
    assertThatThrownBy(
            () ->
                LessonFile.parse(
                    "x.json",
                    lesson(step("\"action\": {\"type\": \"highlight\", \"control\": \"root\"}"))
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("Lesson x.json, step 1, field action.control: must be one of ");
    String thirtyOne = String.join(",", Collections.nCopies(31, STEP));
    assertThatThrownBy(
            () -> LessonFile.parse("x.json", lesson(thirtyOne).getBytes(StandardCharsets.UTF_8)))
        .hasMessage("Lesson x.json, field steps: must be a list of 1 to 30 steps.");
    String longText = "{\"narration\": {\"en\": \"" + "a".repeat(2001) + "\", \"zh-CN\": \"甲\"}}";
    assertThatThrownBy(
            () -> LessonFile.parse("x.json", lesson(longText).getBytes(StandardCharsets.UTF_8)))
        .hasMessage("Lesson x.json, step 1, field narration: is longer than 2,000 characters.");
    Path large = folder.resolve("large.json");
    Files.write(large, new byte[(int) LessonFile.MAX_BYTES + 1]);
    assertThatThrownBy(() -> LessonFile.read(large))
        .hasMessage("The lesson file " + large + " is larger than 256 KB: refused.");
    assertThatThrownBy(() -> LessonFile.byNameOrFile("petals"))
        .hasMessage(
            "There is no built-in lesson petals; the built-in lessons are softmax-alone, center-loss, "
                + "center-update, margins, open-set, verification (or name a lesson file, e.g. my-lesson.json).");
    assertThatThrownBy(() -> LessonFile.byNameOrFile(folder.resolve("none.json").toString()))
        .hasMessage("The lesson file " + folder.resolve("none.json") + " does not exist.");
  }
}
