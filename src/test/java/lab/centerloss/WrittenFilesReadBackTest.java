package lab.centerloss;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lab.centerloss.lesson.Scenario;
import lab.centerloss.store.RunFile;
import lab.centerloss.testing.TestData;
import lab.centerloss.text.Ids;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ModelSize;
import lab.centerloss.train.OpenSetScores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Nothing the app writes is refused when read back, whatever the default locale (issue 25): the run
 * file, the record, the metrics, the features, the sweep's summaries and a setup, each written and
 * read under en, tr (where "i".toUpperCase() is "İ") and zh-CN, with and without unknowns and known
 * digits.
 */
class WrittenFilesReadBackTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "locale {0}, {1}")
  @CsvSource({
    "en, plain",
    "en, unknown-data",
    "en, known",
    "tr-TR, plain",
    "tr-TR, unknown-data",
    "tr-TR, known",
    "zh-CN, plain",
    "zh-CN, unknown-data",
    "zh-CN, known"
  })
  @DisplayName("train's run file, record, metrics and features read back under the default locale")
  void trainWritesWhatItReads(String tag, String variant, @TempDir Path folder) throws Exception {
    Locale before = Locale.getDefault();
    Language language = Messages.language();
    try {
      Locale.setDefault(Locale.forLanguageTag(tag));
      Path runFile = folder.resolve("u.clab");
      Path record = folder.resolve("steps.jsonl");
      Path metrics = folder.resolve("metrics.json");
      Path features = folder.resolve("features.csv");
      List<String> args =
          new ArrayList<>(
              List.of(
                  "train",
                  "--steps",
                  "3",
                  "--probe-size",
                  "100",
                  "--probe-every",
                  "1",
                  "--quiet",
                  "--data",
                  TestData.bundledFolder().toString(),
                  "--save-run",
                  runFile.toString(),
                  "--record",
                  record.toString(),
                  "--metrics",
                  metrics.toString(),
                  "--features-out",
                  features.toString()));
      switch (variant) {
        case "unknown-data" ->
            args.addAll(List.of("--unknown-data", TestData.bundledFolder().toString()));
        case "known" -> args.addAll(List.of("--known", "2,3,4,5,8,9"));
        default -> {}
      }
      CommandLineTest.Run train = CommandLineTest.run(args.toArray(String[]::new));
      assertThat(train.err()).isEmpty();
      assertThat(train.exitCode()).isZero();

      RunFile.Contents contents = RunFile.read(runFile);
      assertThat(contents.record().size()).isEqualTo(3);
      CommandLineTest.Run info = CommandLineTest.run("run-info", runFile.toString());
      assertThat(info.err()).isEmpty();
      assertThat(info.exitCode()).isZero();
      JsonNode settings = JSON.readTree(info.out()).get("settings").get(0).get("settings");
      assertThat(settings.get("model").asText()).isEqualTo("lite");
      assertThat(Ids.parse(ModelSize.class, settings.get("model").asText()))
          .contains(ModelSize.LITE);

      List<String> lines = Files.readAllLines(record);
      assertThat(lines).hasSize(3);
      for (String line : lines) {
        JsonNode step = JSON.readTree(line);
        assertThat(Ids.parse(HeadKind.class, step.get("head").asText())).isPresent();
        assertThat(step.get("center_init").asText()).isIn("zero", "normal");
      }

      JsonNode m = JSON.readTree(metrics.toFile());
      assertThat(m.get("model").asText()).isEqualTo("lite");
      assertThat(m.get("steps").asInt()).isEqualTo(3);
      if (m.has("open_set")) {
        for (OpenSetScores.Score score : OpenSetScores.Score.values()) {
          assertThat(m.get("open_set").get("auroc").has(score.name().toLowerCase(Locale.ROOT)))
              .as("auroc key of %s", score)
              .isTrue();
        }
      }
      assertThat(m.has("open_set")).isEqualTo(!variant.equals("plain"));

      List<String> csv = Files.readAllLines(features);
      assertThat(csv.get(0))
          .isEqualTo(
              "index,label,known,x,y,predicted,center_distance,max_cosine,"
                  + "max_softmax,max_logit,feature_norm");
      for (String row : csv.subList(1, csv.size())) {
        for (String cell : row.split(",")) {
          if (!cell.equals("true") && !cell.equals("false")) {
            Double.parseDouble(cell); // numbers as Locale.ROOT writes them
          }
        }
      }
      Files.createDirectories(folder.resolve("frames"));
      CommandLineTest.Run shown =
          CommandLineTest.run(
              "render",
              "--from-run",
              runFile.toString(),
              "--frames",
              "1",
              "--every",
              "1",
              "--width",
              "200",
              "--height",
              "150",
              "--out",
              folder.resolve("frames").toString(),
              "--open-set-score",
              "center_distance",
              "--open-set-threshold",
              "1");
      assertThat(shown.err()).isEmpty();
      assertThat(shown.exitCode()).isZero();
    } finally {
      Messages.use(language);
      Locale.setDefault(before);
    }
  }

  @ParameterizedTest(name = "locale {0}")
  @CsvSource({"en", "tr-TR", "zh-CN"})
  @DisplayName("a sweep collects its own runs, and a setup reads back, under the default locale")
  void sweepAndSetupReadBack(String tag, @TempDir Path folder) throws Exception {
    Locale before = Locale.getDefault();
    Language language = Messages.language();
    try {
      Locale.setDefault(Locale.forLanguageTag(tag));
      Path out = folder.resolve("sweep");
      CommandLineTest.Run sweep =
          CommandLineTest.run(
              "sweep",
              "--lambda",
              "0.1",
              "--steps",
              "2",
              "--probe-size",
              "100",
              "--width",
              "400",
              "--model",
              "lite",
              "--data",
              TestData.bundledFolder().toString(),
              "--out",
              out.toString());
      assertThat(sweep.err()).isEmpty();
      assertThat(sweep.exitCode()).isZero();
      CommandLineTest.Run collect =
          CommandLineTest.run("sweep", "--collect", out.toString(), "--width", "400");
      assertThat(collect.err()).isEmpty();
      assertThat(collect.exitCode()).isZero();
      assertThat(Files.readAllLines(out.resolve("summary.csv")).get(1)).startsWith("softmax,0.1,");

      Hyperparameters hp = Hyperparameters.recommendedFor(HeadKind.ARCFACE);
      Scenario setup = new Scenario(hp, Scenario.View.standard(), Optional.empty());
      String text = setup.toJson();
      assertThat(text).contains("\"model\" : \"lite\"");
      Scenario back = Scenario.parse("setup.json", text.getBytes(StandardCharsets.UTF_8));
      assertThat(back.settings()).isEqualTo(setup.settings());
    } finally {
      Messages.use(language);
      Locale.setDefault(before);
    }
  }
}
