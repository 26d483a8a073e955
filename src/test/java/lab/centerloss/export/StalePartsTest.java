package lab.centerloss.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden .part files left by a killed process are removed by the next write into their folder
 * (issue 25).
 */
class StalePartsTest {
  @TempDir Path folder;

  @Test
  @DisplayName(
      "a dead writer's part and a day-old part of the old naming go; a live one and other files stay")
  void staleParts() throws IOException {
    long dead = deadPid();
    Path ofDead =
        Files.createFile(
            folder.resolve(
                ".run.clab." + AtomicFile.HOST + "_" + dead + "-" + UUID.randomUUID() + ".part"));
    // another machine's part (a sweep's shares in a shared folder): its process id means nothing
    // here
    Path ofOtherHost =
        Files.createFile(
            folder.resolve(
                ".b.clab.elsewhere-"
                    + AtomicFile.HOST.length()
                    + "_"
                    + dead
                    + "-"
                    + UUID.randomUUID()
                    + ".part"));
    Path old = Files.createFile(folder.resolve(".steps.jsonl." + UUID.randomUUID() + ".part"));
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(2, ChronoUnit.DAYS)));
    Path recentOld = Files.createFile(folder.resolve(".frames.gif." + UUID.randomUUID() + ".part"));
    Path ofLiving =
        Files.createFile(
            folder.resolve(
                ".other.png."
                    + AtomicFile.HOST
                    + "_"
                    + ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L)
                    + "-"
                    + UUID.randomUUID()
                    + ".part"));
    Path notOurs = Files.createFile(folder.resolve(".notes.part"));

    AtomicFile.writeString(folder.resolve("metrics.json"), "{}");

    assertThat(ofDead).doesNotExist();
    assertThat(old).doesNotExist();
    assertThat(recentOld).exists();
    assertThat(ofOtherHost).exists();
    assertThat(ofLiving).exists();
    assertThat(notOurs).exists();
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString())).contains("metrics.json");
    }
  }

  @Test
  @DisplayName("a part being written now names this process, and is gone once committed")
  void liveParts() throws IOException {
    Path part = AtomicFile.temporaryBeside(folder.resolve("a.gif"));
    assertThat(part.getFileName().toString())
        .startsWith(".a.gif." + AtomicFile.HOST + "_" + ProcessHandle.current().pid() + "-")
        .endsWith(".part");
    AtomicFile.removeStaleParts(folder);
    assertThat(part).exists();
    AtomicFile.commit(part, folder.resolve("a.gif"));
    assertThat(part).doesNotExist();
  }

  /** A process id that no process has: the largest one that is not running. */
  private static long deadPid() {
    for (long pid = 4_194_303L; pid > 1000; pid--) {
      if (ProcessHandle.of(pid).isEmpty()) {
        return pid;
      }
    }
    throw new IllegalStateException("no free process id");
  }
}
