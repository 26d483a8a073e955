package lab.centerloss.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The record on a full disk, and summary.csv's cells (issue 25). */
class WritesAndCellsTest {
  @Test
  @DisplayName(
      "train --record on a disk that fills up: one sentence naming the file, no hidden .part left")
  void recordOnFullDisk() throws IOException {
    Language before = Messages.language();
    Messages.use(Language.ENGLISH);
    try (FileSystem disk =
        Jimfs.newFileSystem(
            Configuration.unix().toBuilder().setBlockSize(4096).setMaxSize(256 * 1024).build())) {
      Path folder = Files.createDirectory(disk.getPath("/out"));
      Path target = folder.resolve("steps.jsonl");
      assertThatThrownBy(
              () -> {
                try (TrainCommand.RecordWriter writer = TrainCommand.RecordWriter.open(target)) {
                  for (int i = 1; i <= 5000; i++) {
                    writer.write(SnapshotBuilder.aStep().step(i).build());
                  }
                  writer.commit();
                }
              })
          .isInstanceOf(UserError.class)
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .startsWith("Could not write " + target + ": ")
                      .endsWith(". Nothing was written.")
                      .doesNotContain("\n"));
      try (Stream<Path> files = Files.list(folder)) {
        assertThat(files.toList()).isEmpty();
      }
    } finally {
      Messages.use(before);
    }
  }

  @Test
  @DisplayName(
      "a summary.csv cell that a spreadsheet would run as a formula is quoted; numbers are not")
  void csvCells() {
    assertThat(SweepCommand.csvCell("=HYPERLINK(\"http://x\",\"y\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    assertThat(SweepCommand.csvCell("+1+2")).isEqualTo("'+1+2");
    assertThat(SweepCommand.csvCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(SweepCommand.csvCell("-0.5")).isEqualTo("-0.5");
    assertThat(SweepCommand.csvCell("0.97")).isEqualTo("0.97");
    assertThat(SweepCommand.csvCell("softmax")).isEqualTo("softmax");
  }
}
