package lab.centerloss.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import lab.centerloss.testing.TestData;
import lab.centerloss.text.AppInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recordings the app ships (issue 27): each one usable, all together within 25 MB. */
class BuiltInRecordingsTest {
  static final long BUDGET = 25L << 20;

  @Test
  @DisplayName(
      "every built-in recording is of this app's version and the bundled data, and all fit in 25 MB (after a new version: lesson NAME --record)")
  void usableAndSmall(@TempDir Path scratch) throws Exception {
    long total = 0;
    int found = 0;
    for (Lesson lesson : LessonFile.builtIns()) {
      InputStream manifest =
          LessonRecordings.class.getResourceAsStream(
              LessonRecordings.BUILT_IN_FOLDER + LessonRecordings.manifestName(lesson.name()));
      if (manifest == null) {
        continue; // not recorded: its steps train live
      }
      manifest.close();
      for (LessonRecordings.Segment segment : LessonRecordings.segments(lesson)) {
        for (int step : segment.trainSteps()) {
          LessonRecordings.Recording recording =
              LessonRecordings.load(
                  lesson, step, TestData.mnist().fingerprint(), AppInfo.VERSION, scratch);
          assertThat(recording.endOf(step)).isPositive();
          assertThat(
                  recording.run().checkpointAtOrBefore(recording.endOf(step)).orElseThrow().step())
              .as("%s step %d continues live from its end at once", lesson.name(), step + 1)
              .isEqualTo(recording.endOf(step));
        }
        total +=
            LessonRecordings.load(
                    lesson, segment.trainSteps().get(0), null, AppInfo.VERSION, scratch)
                .entry()
                .bytes();
        found++;
      }
    }
    assertThat(found).as("recordings shipped").isGreaterThanOrEqualTo(2);
    assertThat(total).as("bytes of all recordings").isLessThanOrEqualTo(BUDGET);
  }
}
