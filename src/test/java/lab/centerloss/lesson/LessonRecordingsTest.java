package lab.centerloss.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which steps a recording covers, and recordings that cannot be used (issue 27). */
class LessonRecordingsTest {
  private static final String FINGERPRINT = "ab".repeat(32);

  @BeforeEach
  void english() {
    Messages.use(Language.ENGLISH);
  }

  private static List<String> segmentsOf(String name) throws Exception {
    return LessonRecordings.segments(LessonFile.builtIn(name)).stream()
        .map(s -> s.start() + ":" + s.trainSteps())
        .toList();
  }

  @Test
  @DisplayName(
      "a segment is a reset and the train steps after it with the same settings; comparisons and step-through stay live")
  void segments() throws Exception {
    assertThat(segmentsOf("softmax-alone")).containsExactly("0:[1, 2]");
    assertThat(segmentsOf("center-loss")).containsExactly("3:[4]");
    assertThat(segmentsOf("center-update")).containsExactly("0:[1]");
    assertThat(segmentsOf("margins")).containsExactly("0:[1]", "2:[3]", "4:[5]");
    assertThat(segmentsOf("open-set")).containsExactly("0:[1]", "4:[5]");
    assertThat(segmentsOf("verification")).containsExactly("0:[1]", "4:[5]", "6:[7]", "8:[9]");
    Lesson lesson = LessonFile.builtIn("softmax-alone");
    assertThat(LessonRecordings.segmentOf(lesson, 2).orElseThrow().fileName(lesson.name()))
        .isEqualTo("softmax-alone-step1.clab");
    assertThat(LessonRecordings.segmentOf(lesson, 3)).as("a highlight step").isEmpty();
  }

  /** A lesson file in a folder: a reset and two train steps. */
  private static Lesson tinyLesson(Path folder) throws Exception {
    Path file = folder.resolve("tiny.json");
    Files.writeString(
        file,
        """
        {"format": 1, "name": "tiny", "title": {"en": "Tiny", "zh-CN": "小"},
         "steps": [
          {"narration": {"en": "Reset.", "zh-CN": "重置。"}, "settings": {"seed": 3},
           "action": {"type": "reset"}},
          {"narration": {"en": "Train.", "zh-CN": "训练。"}, "action": {"type": "train", "until_step": 4}},
          {"narration": {"en": "More.", "zh-CN": "更多。"}, "action": {"type": "train", "until_step": 6}}
         ]}
        """);
    return LessonFile.read(file);
  }

  private static String manifest(String appVersion, String file, String sha, long bytes) {
    return new String(
        LessonRecordings.manifestJson(
            new LessonRecordings.Manifest(
                new LessonRecordings.Made(
                    "tiny", appVersion, "2.7.1-1.5.12", "cpu", 2, FINGERPRINT, "2026-12-04"),
                List.of(
                    new LessonRecordings.Entry(
                        0, 0, file, bytes, sha, Map.of(1, 4L, 2, 6L), 1.5)))),
        StandardCharsets.UTF_8);
  }

  private static String why(Lesson lesson, String appVersion, String fingerprint, Path scratch) {
    try {
      LessonRecordings.load(lesson, 1, fingerprint, appVersion, scratch);
      return "used";
    } catch (LessonRecordings.Unusable e) {
      return e.why().render();
    }
  }

  @Test
  @DisplayName(
      "a teacher's lesson without recordings plays live and says nothing; a manifest of another version, of other data, or naming another file is refused in one sentence")
  void refused(@TempDir Path folder) throws Exception {
    Lesson lesson = tinyLesson(folder);
    assertThat(lesson.folder()).contains(folder.toAbsolutePath());
    try {
      LessonRecordings.load(lesson, 1, FINGERPRINT, "1.0", folder);
    } catch (LessonRecordings.Unusable e) {
      assertThat(e.why().key()).isEqualTo(LessonRecordings.NONE);
    }
    Path manifest = folder.resolve("tiny.recordings.json");
    byte[] recording = "PK not really a run".getBytes(StandardCharsets.UTF_8);
    Files.write(folder.resolve("tiny-step1.clab"), recording);
    String sha = LessonRecordings.sha256(recording);
    Files.writeString(manifest, manifest("0.9", "tiny-step1.clab", sha, recording.length));
    assertThat(why(lesson, "1.0", FINGERPRINT, folder))
        .isEqualTo(
            "This step trains live: its recording was made by version 0.9 of the app, and this is 1.0.");
    Files.writeString(manifest, manifest("1.0", "tiny-step1.clab", sha, recording.length));
    assertThat(why(lesson, "1.0", "cd".repeat(32), folder))
        .isEqualTo(
            "This step trains live: its recording was made on another data set than this window trains on.");
    assertThat(why(lesson, "1.0", FINGERPRINT, folder))
        .as("the manifest matches, the file is no run file")
        .startsWith("This step trains live: ")
        .endsWith("tiny-step1.clab is not a Center Loss Lab run file.");
    Files.writeString(manifest, manifest("1.0", "../tiny-step1.clab", sha, recording.length));
    assertThat(why(lesson, "1.0", FINGERPRINT, folder))
        .isEqualTo(
            "This step trains live: its recording cannot be used (the field file of its list is missing or wrong).");
    Files.writeString(manifest, manifest("1.0", "tiny-step1.clab", sha, recording.length + 1));
    assertThat(why(lesson, "1.0", FINGERPRINT, folder))
        .as("truncated: fewer bytes than recorded")
        .isEqualTo(
            "This step trains live: its recording tiny-step1.clab is not the file recorded (19 bytes instead of 20, or other contents).");
    Files.delete(folder.resolve("tiny-step1.clab"));
    Files.writeString(manifest, manifest("1.0", "tiny-step1.clab", sha, recording.length));
    assertThat(why(lesson, "1.0", FINGERPRINT, folder))
        .isEqualTo("This step trains live: its recording tiny-step1.clab is missing.");
    Files.write(manifest, new byte[(int) LessonRecordings.MAX_MANIFEST_BYTES + 1]);
    assertThat(why(lesson, "1.0", FINGERPRINT, folder))
        .isEqualTo("This step trains live: its recording cannot be used (the file is too large).");
    Files.writeString(manifest, "{\"format\": 1, \"lesson\": \"other\"}");
    assertThat(why(lesson, "1.0", FINGERPRINT, folder))
        .isEqualTo(
            "This step trains live: its recording cannot be used (its list of recordings is another lesson's).");
  }

  @Test
  @DisplayName("a recording that is a link to a file outside the lesson's folder is refused")
  void linkOutside(@TempDir Path folder, @TempDir Path elsewhere) throws Exception {
    Lesson lesson = tinyLesson(folder);
    Path outside = elsewhere.resolve("secret.json");
    Files.writeString(outside, "{}");
    Files.createSymbolicLink(folder.resolve("tiny.recordings.json"), outside);
    assertThat(why(lesson, "1.0", FINGERPRINT, folder))
        .isEqualTo(
            "This step trains live: its recording cannot be used (the file is not in the lesson's folder).");
  }

  @Test
  @DisplayName("a built-in lesson whose recordings are not in the app says so")
  void builtInMissing(@TempDir Path scratch) throws Exception {
    Lesson lesson =
        LessonFile.parse(
            "x.json",
            """
            {"format": 1, "name": "open-set", "title": {"en": "T", "zh-CN": "T"},
             "steps": [{"narration": {"en": "R", "zh-CN": "R"}, "settings": {"seed": 99},
                        "action": {"type": "reset"}},
                       {"narration": {"en": "T", "zh-CN": "T"},
                        "action": {"type": "train", "until_step": 7}}]}
            """
                .getBytes(StandardCharsets.UTF_8));
    // named as a built-in, so its recordings are looked for in the app: seed 99 is not theirs
    String why = why(lesson, "0.1.0-SNAPSHOT", null, scratch);
    assertThat(why).startsWith("This step trains live: its recording");
    assertThatThrownBy(() -> LessonRecordings.parseManifest(lesson, new byte[] {'{'}))
        .isInstanceOf(LessonRecordings.Unusable.class);
  }

  private static List<String> comparisonsOf(String name) throws Exception {
    return LessonRecordings.comparisonParts(LessonFile.builtIn(name)).stream()
        .map(
            p -> p.step() + ":" + p.preset().id() + " x" + p.runs().size() + " to " + p.untilStep())
        .toList();
  }

  @Test
  @DisplayName(
      "every comparison step of the built-in lessons is recordable, one file per run; a manifest's comparison lines are checked as a segment's")
  void comparisons() throws Exception {
    assertThat(comparisonsOf("center-loss")).containsExactly("1:lambda x4 to 1500");
    assertThat(comparisonsOf("center-update"))
        .containsExactly("4:alpha x3 to 800", "5:center-rule x2 to 800");
    assertThat(comparisonsOf("margins")).containsExactly("6:heads x4 to 2000");
    assertThat(comparisonsOf("softmax-alone")).isEmpty();
    Lesson lesson = LessonFile.builtIn("center-loss");
    LessonRecordings.ComparisonPart part = LessonRecordings.comparisonAt(lesson, 1).orElseThrow();
    assertThat(part.fileName(lesson.name(), 3)).isEqualTo("center-loss-step2-run3.clab");
    assertThat(part.runs()).extracting(hp -> hp.lambda()).containsExactly(0.0, 0.01, 0.1, 1.0);

    String sha = "0".repeat(64);
    LessonRecordings.Made made =
        new LessonRecordings.Made(
            "center-loss", "1.0", "2.7.1-1.5.12", "cpu", 2, FINGERPRINT, "2026-12-04");
    byte[] written =
        LessonRecordings.manifestJson(
            new LessonRecordings.Manifest(
                made,
                List.of(
                    new LessonRecordings.Entry(
                        1, 2, "center-loss-step2-run2.clab", 10, sha, Map.of(1, 1500L), 3))));
    LessonRecordings.Manifest read = LessonRecordings.parseManifest(lesson, written);
    assertThat(read.entry(1, 2).orElseThrow().file()).isEqualTo("center-loss-step2-run2.clab");
    assertThat(read.entry(1, 2).orElseThrow().ends()).containsEntry(1, 1500L);
    assertThat(read.entry(1)).as("no single run at a compare step").isEmpty();
    byte[] twice =
        LessonRecordings.manifestJson(
            new LessonRecordings.Manifest(
                made,
                List.of(
                    new LessonRecordings.Entry(
                        1, 2, "center-loss-step2-run2.clab", 10, sha, Map.of(1, 1500L), 3),
                    new LessonRecordings.Entry(
                        1, 2, "center-loss-step2-run2.clab", 11, sha, Map.of(1, 1500L), 3))));
    assertThatThrownBy(() -> LessonRecordings.parseManifest(lesson, twice))
        .as("the same run twice")
        .isInstanceOf(LessonRecordings.Unusable.class);

    for (String[] wrong :
        new String[][] {
          {"\"run\" : 2", "\"run\" : 5", "run"},
          {"center-loss-step2-run2.clab", "center-loss-step2-run3.clab", "file"},
          {"\"from_step\" : 2", "\"from_step\" : 3", "from_step"}
        }) {
      String changed = new String(written, StandardCharsets.UTF_8).replace(wrong[0], wrong[1]);
      assertThat(changed)
          .as("the test changes the manifest")
          .isNotEqualTo(new String(written, StandardCharsets.UTF_8));
      assertThatThrownBy(
              () ->
                  LessonRecordings.parseManifest(lesson, changed.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOfSatisfying(
              LessonRecordings.Unusable.class,
              e ->
                  assertThat(e.why().render())
                      .isEqualTo(
                          "This step trains live: its recording cannot be used (the field "
                              + wrong[2]
                              + " of its list is missing or wrong)."));
    }
  }
}
