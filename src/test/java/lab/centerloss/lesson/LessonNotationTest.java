package lab.centerloss.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.OptimizerKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One notation for formulas, in the bundles and every built-in lesson, in both languages: the
 * window's (xᵢ, c_yᵢ, ², λ·L_C, s·cos θ), never TeX that nothing renders; one definition of L_C;
 * and the sentences the second audit found wrong stay right.
 */
class LessonNotationTest {
  /** Spellings that are not the app's notation, and the app's spelling of each. */
  private static final Map<Pattern, String> NOT_OUR_NOTATION =
      Map.of(
          Pattern.compile("_\\{(?!\\d)"), "a TeX subscript: write c_yᵢ, not c_{y_i}",
          Pattern.compile("\\\\[a-zA-Z]+"), "a TeX command",
          Pattern.compile("c_y_i|\\bx_i\\b|_i\\b"), "an ASCII subscript i: write xᵢ and c_yᵢ",
          Pattern.compile("\\^2"), "a TeX square: write ²",
          Pattern.compile("λ L_C"), "a product without its dot: write λ·L_C",
          Pattern.compile("\\bs cos\\b|\\bs \\(cos"), "a product without its dot: write s·cos θ");

  private static List<String> lessonTexts() {
    List<String> texts = new ArrayList<>();
    for (Lesson lesson : LessonFile.builtIns()) {
      texts.add(lesson.title().english());
      texts.add(lesson.title().chinese());
      for (LessonStep step : lesson.steps()) {
        texts.add(step.narration().english());
        texts.add(step.narration().chinese());
        step.question()
            .ifPresent(
                q -> {
                  texts.add(q.english());
                  texts.add(q.chinese());
                });
      }
    }
    return texts;
  }

  private static Properties bundle(String name) throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        LessonNotationTest.class.getResourceAsStream("/lab/centerloss/text/" + name)) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }

  private static List<String> allTexts() throws IOException {
    List<String> texts = new ArrayList<>(lessonTexts());
    for (String name : List.of("messages.properties", "messages_zh_CN.properties")) {
      bundle(name).forEach((key, value) -> texts.add(key + "=" + value));
    }
    return texts;
  }

  @Test
  @DisplayName("every formula in the lessons and the bundles is written in the window's notation")
  void oneNotation() throws IOException {
    for (String text : allTexts()) {
      NOT_OUR_NOTATION.forEach(
          (pattern, why) ->
              assertThat(pattern.matcher(text).find()).as("%s in: %s", why, text).isFalse());
    }
  }

  @Test
  @DisplayName(
      "L_C is defined one way: where a text writes L_C = ..., it is the bundle's (1/2m) form, the paper's sum named as the paper's")
  void oneDefinitionOfTheCenterLoss() throws IOException {
    String ours = "L_C = (1/2m) Σ‖xᵢ − c_yᵢ‖²";
    assertThat(bundle("messages.properties").getProperty("controls.lambdaNorm")).startsWith(ours);
    assertThat(bundle("messages_zh_CN.properties").getProperty("controls.lambdaNorm"))
        .startsWith(ours);
    for (String text : allTexts()) {
      if (Pattern.compile("L_C = [(½1]").matcher(text).find()) {
        assertThat(text).as("a definition of L_C").contains(ours);
      }
      if (text.contains("½ Σ")) {
        assertThat(text)
            .as("the paper's sum, named as the paper's")
            .containsAnyOf("paper's Eq. 2", "论文的式 2");
      }
    }
  }

  @Test
  @DisplayName("the 36° bound is said of the closest two of ten directions, never of every two")
  void closestTwoDirections() throws IOException {
    for (String text : allTexts()) {
      if (text.contains("at most 36°")) {
        assertThat(text).contains("closest two");
      }
      if (text.contains("最多相隔 36°")) {
        assertThat(text).contains("最接近的两个");
      }
    }
  }

  @Test
  @DisplayName(
      "a lesson starts from the whole recipe of its first step's head: softmax alone after the margins lesson trains with SGD, not Adam")
  void lessonsStartFromTheirWholeRecipe() throws LessonFile.LessonException {
    Lesson margins = LessonFile.builtIn("margins");
    Hyperparameters settings = Hyperparameters.defaults();
    for (int i = 0; i < margins.steps().size(); i++) {
      settings = margins.settingsAt(i, settings);
    }
    assertThat(settings.optimizer()).isEqualTo(OptimizerKind.ADAM);
    for (String name : List.of("softmax-alone", "center-loss", "center-update", "open-set")) {
      Hyperparameters first = LessonFile.builtIn(name).settingsAt(0, settings);
      Hyperparameters recipe = Hyperparameters.recommendedFor(HeadKind.SOFTMAX);
      assertThat(first.optimizer()).as(name).isEqualTo(OptimizerKind.SGD);
      assertThat(first.learningRate()).as(name).isEqualTo(recipe.learningRate());
      assertThat(first.marginWarmupSteps()).as(name).isEqualTo(recipe.marginWarmupSteps());
    }
    // later steps change only what they name
    Lesson centerLoss = LessonFile.builtIn("center-loss");
    Hyperparameters mine = Hyperparameters.recommendedFor(HeadKind.SOFTMAX).withBatchSize(64);
    assertThat(centerLoss.settingsAt(3, mine).batchSize()).isEqualTo(64);
    assertThat(centerLoss.settingsAt(3, mine).lambda()).isEqualTo(0.1);
  }
}
