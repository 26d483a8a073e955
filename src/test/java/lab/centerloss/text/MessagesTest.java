package lab.centerloss.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lab.centerloss.lesson.Lesson;
import lab.centerloss.lesson.LessonFile;
import lab.centerloss.lesson.LessonStep;
import lab.centerloss.plot.TargetLogit;
import lab.centerloss.train.CenterInit;
import lab.centerloss.train.CenterRule;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.ModelSize;
import lab.centerloss.train.OpenSetScores;
import lab.centerloss.train.OptimizerKind;
import lab.centerloss.train.TrainerStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every word the app shows comes from the bundle: the FXML holds only %keys, every key the code and
 * the FXML name exists, every pattern formats, and no text is written into the window's Java.
 */
class MessagesTest {
  private static final Path FXML = Path.of("fxml");
  private static final Path SOURCES = Path.of("src/main/java/lab/centerloss");

  static Properties bundle(String suffix) throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        MessagesTest.class.getResourceAsStream(
            "/lab/centerloss/text/messages" + suffix + ".properties")) {
      assertThat(in).as("bundle messages%s", suffix).isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }

  private static List<Path> files(Path root, String extension) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.toString().endsWith(extension)).sorted().toList();
    }
  }

  @Test
  @DisplayName("no literal text in the FXML: every text, prompt and title is a %key")
  void fxmlHasNoLiterals() throws IOException {
    Pattern attribute = Pattern.compile("\\b(text|promptText|title)=\"([^\"]*)\"");
    List<String> literals = new ArrayList<>();
    for (Path file : files(FXML, ".fxml")) {
      Matcher m = attribute.matcher(Files.readString(file));
      while (m.find()) {
        if (!m.group(2).startsWith("%") && !m.group(2).isEmpty()) {
          literals.add(file.getFileName() + ": " + m.group());
        }
      }
    }
    assertThat(literals).isEmpty();
  }

  @Test
  @DisplayName("every key named in the FXML and in the code is in the bundle")
  void everyKeyExists() throws IOException {
    Properties english = bundle("");
    TreeSet<String> missing = new TreeSet<>();
    Pattern fxmlKey = Pattern.compile("=\"%([A-Za-z0-9_.]+)\"");
    for (Path file : files(FXML, ".fxml")) {
      Matcher m = fxmlKey.matcher(Files.readString(file));
      while (m.find()) {
        if (!english.containsKey(m.group(1))) {
          missing.add(file.getFileName() + ": " + m.group(1));
        }
      }
    }
    Pattern codeKey =
        Pattern.compile("(?:Messages\\.text|Message\\.of|Messages\\.has)\\(\"([A-Za-z0-9_.]+)\"");
    Pattern dialogKey =
        Pattern.compile("(?:saveFile|openFile|folder)\\([^,]+, \"([A-Za-z0-9_.]+)\"");
    for (Path file : files(SOURCES, ".java")) {
      String code = Files.readString(file);
      for (Pattern p : List.of(codeKey, dialogKey)) {
        Matcher m = p.matcher(code);
        while (m.find()) {
          // a key that ends in a dot is a prefix completed at run time: checked below
          if (!m.group(1).endsWith(".") && !english.containsKey(m.group(1))) {
            missing.add(file.getFileName() + ": " + m.group(1));
          }
        }
      }
    }
    for (var head : TargetLogit.normalizedHeads()) {
      if (!english.containsKey("margin.curve." + head.id())) {
        missing.add("margin.curve." + head.id());
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  @DisplayName("a text the FXML shows is read as it is: no doubled quote, no {argument}")
  void fxmlTextsAreLiteral() throws IOException {
    Properties english = bundle("");
    List<String> wrong = new ArrayList<>();
    Pattern fxmlKey = Pattern.compile("=\"%([A-Za-z0-9_.]+)\"");
    for (Path file : files(FXML, ".fxml")) {
      Matcher m = fxmlKey.matcher(Files.readString(file));
      while (m.find()) {
        String value = english.getProperty(m.group(1), "");
        if (value.contains("''") || value.contains("{")) {
          wrong.add(m.group(1));
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  @DisplayName("every pattern of the bundle is a valid MessageFormat")
  void everyPatternFormats() throws IOException {
    Properties english = bundle("");
    for (String key : english.stringPropertyNames()) {
      new MessageFormat(english.getProperty(key), Locale.ENGLISH); // throws on a broken pattern
    }
    assertThat(english).isNotEmpty();
  }

  @Test
  @DisplayName("every choice of every enum the window offers has a label")
  void everyChoiceHasALabel() {
    for (Class<? extends Enum<?>> type :
        List.<Class<? extends Enum<?>>>of(
            HeadKind.class,
            OptimizerKind.class,
            CenterRule.class,
            CenterInit.class,
            ModelSize.class,
            TrainerStatus.State.class,
            ComparisonPreset.class,
            OpenSetScores.Score.class)) {
      for (Enum<?> value : type.getEnumConstants()) {
        String key = "label." + type.getSimpleName() + "." + value.name().toLowerCase();
        assertThat(Messages.has(key)).as(key).isTrue();
      }
    }
  }

  @Test
  @DisplayName("the window's Java puts no literal sentence on a control")
  void noLiteralTextOnControls() throws IOException {
    Pattern literalText =
        Pattern.compile(
            "(setText|setTitle|setPromptText|new Label|new Button|new Tooltip|new Tab|new CheckBox|fillText"
                + "|new UserError|println|printf|print)"
                + "\\(\"[^\"]*[A-Za-z]{2}[^\"]*\"");
    List<String> found = new ArrayList<>();
    for (Path file : files(SOURCES, ".java")) {
      Matcher m = literalText.matcher(Files.readString(file));
      while (m.find()) {
        found.add(file.getFileName() + ": " + m.group());
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  @DisplayName(
      "the Chinese bundle has every key of the English one, no other, with the same arguments, and its patterns format")
  void chineseBundleMatchesEnglish() throws IOException {
    Properties english = bundle("");
    Properties chinese = bundle("_zh_CN");
    assertThat(new TreeSet<>(chinese.stringPropertyNames()))
        .isEqualTo(new TreeSet<>(english.stringPropertyNames()));
    Pattern argument = Pattern.compile("\\{(\\d+)");
    for (String key : english.stringPropertyNames()) {
      TreeSet<String> inEnglish = new TreeSet<>();
      TreeSet<String> inChinese = new TreeSet<>();
      Matcher m = argument.matcher(english.getProperty(key));
      while (m.find()) {
        inEnglish.add(m.group(1));
      }
      m = argument.matcher(chinese.getProperty(key));
      while (m.find()) {
        inChinese.add(m.group(1));
      }
      assertThat(inChinese).as("arguments of %s", key).isEqualTo(inEnglish);
      new MessageFormat(chinese.getProperty(key), Locale.SIMPLIFIED_CHINESE);
    }
    Pattern fxmlKey = Pattern.compile("=\"%([A-Za-z0-9_.]+)\"");
    for (Path file : files(FXML, ".fxml")) {
      Matcher k = fxmlKey.matcher(Files.readString(file));
      while (k.find()) {
        String value = chinese.getProperty(k.group(1), "");
        assertThat(value)
            .as("FXML text %s is read as it is", k.group(1))
            .doesNotContain("''")
            .doesNotContain("{");
      }
    }
  }

  @Test
  @DisplayName(
      "every character of the Chinese bundle and the built-in lessons is one the bundled font can draw")
  void bundledFontDrawsTheChineseBundle() throws IOException {
    byte[] font;
    try (InputStream in =
        MessagesTest.class.getResourceAsStream("/lab/centerloss/fonts/NotoSansSC-Subset.otf")) {
      assertThat(in).as("the bundled font").isNotNull();
      font = in.readAllBytes();
    }
    OpenTypeCmap cmap = new OpenTypeCmap(font);
    Properties chinese = bundle("_zh_CN");
    TreeSet<String> missing = new TreeSet<>();
    for (String key : chinese.stringPropertyNames()) {
      chinese
          .getProperty(key)
          .codePoints()
          .filter(c -> !Character.isWhitespace(c) && !Character.isISOControl(c))
          .filter(c -> !cmap.maps(c))
          .forEach(
              c ->
                  missing.add(
                      key
                          + ": "
                          + new String(Character.toChars(c))
                          + " U+"
                          + Integer.toHexString(c)));
    }
    for (Lesson lesson : LessonFile.builtIns()) {
      List<String> texts = new ArrayList<>(List.of(lesson.title().chinese()));
      for (LessonStep step : lesson.steps()) {
        texts.add(step.narration().chinese());
        step.question().ifPresent(q -> texts.add(q.chinese()));
      }
      texts.forEach(
          text ->
              text.codePoints()
                  .filter(c -> !Character.isWhitespace(c) && !Character.isISOControl(c))
                  .filter(c -> !cmap.maps(c))
                  .forEach(
                      c -> missing.add(lesson.name() + ": " + new String(Character.toChars(c)))));
    }
    assertThat(missing).as("characters the font lacks: run scripts/make_font_subset.py").isEmpty();
    assertThat(cmap.maps('中')).isTrue();
    assertThat(cmap.maps('饕')).as("a character the app never shows is not in the subset").isFalse();
  }

  @Test
  @DisplayName("a language switch changes every text at once, numbers formatted for the language")
  void switchingLanguages() {
    Language before = Messages.language();
    try {
      Messages.use(Language.SIMPLIFIED_CHINESE);
      assertThat(Messages.text("toolbar.play")).isEqualTo("播放");
      assertThat(Messages.text("status.progress", 1234, 2, "97.5%"))
          .isEqualTo("第 1,234 步 · 第 2 轮 · 测试准确率 97.5%");
      Messages.use(Language.ENGLISH);
      assertThat(Messages.text("toolbar.play")).isEqualTo("Play");
      assertThat(Language.byTag("zh_cn")).isEqualTo(Language.SIMPLIFIED_CHINESE);
      assertThat(Language.forLocale(Locale.TAIWAN)).isEqualTo(Language.SIMPLIFIED_CHINESE);
      assertThat(Language.forLocale(Locale.GERMANY)).isEqualTo(Language.ENGLISH);
    } finally {
      Messages.use(before);
    }
  }
}
