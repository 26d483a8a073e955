package lab.centerloss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.centerloss.cli.CommandLineApp;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench --lesson} end to end: a lesson file played in the real window off screen, with the
 * real trainers on the bundled data.
 */
class LessonBenchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = CommandLineApp.create(new LabCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void english() {
    Messages.use(Language.ENGLISH);
  }

  @Test
  @DisplayName(
      "bench --lesson FILE: every step's seconds until its action is done, positive; the totals are their sums")
  void lessonFile(@TempDir Path folder) throws Exception {
    Path lesson = folder.resolve("tiny.json");
    Files.writeString(
        lesson,
        """
        {"format": 1, "name": "tiny", "title": {"en": "Tiny", "zh-CN": "小"}, "steps": [
          {"narration": {"en": "A", "zh-CN": "甲"}, "settings": {"batch_size": 32, "seed": 3},
           "action": {"type": "reset"}},
          {"narration": {"en": "B", "zh-CN": "乙"}, "action": {"type": "train", "until_step": 5}},
          {"narration": {"en": "C", "zh-CN": "丙"},
           "action": {"type": "compare", "preset": "lambda", "until_step": 2}},
          {"narration": {"en": "D", "zh-CN": "丁"}, "action": {"type": "show", "tab": "open-set"}}
        ]}
        """);
    Run run = run("bench", "--lesson", lesson.toString(), "--probe-size", "200");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode lessons = JSON.readTree(run.out()).get("lessons");
    assertThat(lessons).hasSize(1);
    JsonNode tiny = lessons.get(0);
    assertThat(tiny.get("name").asText()).isEqualTo("tiny");
    JsonNode steps = tiny.get("steps");
    assertThat(steps).hasSize(4);
    double sum = 0;
    double liveSum = 0;
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      assertThat(step.get("step").asInt()).isEqualTo(i + 1);
      assertThat(step.get("seconds").asDouble()).isPositive();
      assertThat(step.get("live_seconds").asDouble()).isPositive();
      assertThat(step.get("busiest_thread_cpu_seconds").asDouble())
          .as("no thread's work exceeds the process's")
          .isLessThanOrEqualTo(step.get("cpu_seconds").asDouble() + 0.01);
      sum += step.get("seconds").asDouble();
      liveSum += step.get("live_seconds").asDouble();
    }
    assertThat(steps.findValuesAsText("trained_to"))
        .as("the run, the comparison, then the run again (a tab step closes the comparison)")
        .containsExactly("0", "5", "2", "5");
    assertThat(steps.findValuesAsText("live_trained_to"))
        .as("no recordings: played live twice, to the same steps")
        .containsExactly("0", "5", "2", "5");
    assertThat(tiny.get("total_seconds").asDouble()).isCloseTo(sum, within(1e-6));
    assertThat(tiny.get("total_live_seconds").asDouble()).isCloseTo(liveSum, within(1e-6));
    assertThat(run.err()).contains("lesson tiny: ");
  }

  @Test
  @DisplayName(
      "bench --lesson center-update --recorded-only: its recorded step and both recorded comparisons are done at their recordings' ends, no live pass")
  void recordedLesson() throws Exception {
    Run run = run("bench", "--lesson", "center-update", "--recorded-only");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode lesson = JSON.readTree(run.out()).get("lessons").get(0);
    JsonNode steps = lesson.get("steps");
    // reset; train to 200 (recorded); one step walked through, live from the recording's end;
    // a highlight; alpha and the center rule compared to 800, each from its recording
    assertThat(steps.findValuesAsText("trained_to"))
        .containsExactly("0", "200", "201", "201", "800", "800");
    assertThat(steps.get(1).get("live_seconds").isNull()).isTrue();
    assertThat(lesson.get("total_live_seconds").isNull()).isTrue();
    assertThat(run.err()).doesNotContain("live:");
  }

  @Test
  @DisplayName("bench --lesson with a lesson that does not exist: one sentence, exit code 2")
  void unknownLesson() {
    Run run = run("bench", "--lesson", "no-such-lesson");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains("no-such-lesson");
  }
}
