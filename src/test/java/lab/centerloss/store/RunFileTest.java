package lab.centerloss.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import lab.centerloss.testing.TestData;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run files: a real run comes back bit for bit; every broken or hostile file is refused in one
 * sentence.
 */
class RunFileTest {
  private static RunRecord run;
  private static Path valid;
  @TempDir static Path shared;
  @TempDir Path folder;

  /**
   * A real run restored from the committed fixture (100 steps at batch 32, a probe every 4 steps,
   * checkpoints at 0 and 100) rather than trained: the format is tested here, not training. Two
   * things a run in the window has and the command line's does not are set on the way: a change of
   * settings from step 26, and features after the step on the even steps only.
   */
  @BeforeAll
  static void restore() throws Exception {
    RunRecord fixture = TestData.shortRun().record();
    run = new RunRecord(fixture.origin());
    for (StepSnapshot s : fixture.steps()) {
      Hyperparameters hp = s.hyperparameters();
      run.add(as(s, s.step() > 25 ? hp.withLambda(0.5) : hp, s.step() % 2 == 0));
    }
    fixture.probes().forEach(run::offerProbe);
    fixture.checkpoints().forEach(run::addCheckpoint);
    valid = shared.resolve("valid.clab");
    RunFile.write(run, valid, "test");
  }

  /** The step under other settings, with or without its features after the step. */
  private static StepSnapshot as(StepSnapshot s, Hyperparameters hp, boolean featuresAfter) {
    StepSnapshot.Batch batch = s.batch();
    return new StepSnapshot(
        s.step(),
        s.epoch(),
        hp,
        s.marginInForce(),
        s.learningRateInForce(),
        s.scalars(),
        new StepSnapshot.Batch(
            batch.labels(),
            batch.features(),
            featuresAfter ? batch.featuresAfter() : Optional.empty(),
            batch.classCounts()),
        s.centers(),
        s.head(),
        s.headAfter(),
        s.stepMillis(),
        s.probe(),
        s.divergence());
  }

  @AfterAll
  static void forget() {
    run = null;
  }

  @Test
  @DisplayName("a saved run reopened is the same, step by step, bit for bit; with its checkpoints")
  void roundTrip() throws Exception {
    RunFile.Contents back = RunFile.read(valid);
    RunRecord read = back.record();
    assertThat(back.dataFingerprint()).isEqualTo(run.origin().dataFingerprint()).hasSize(64);
    assertThat(read.origin()).isEqualTo(run.origin());
    assertThat(read.size()).isEqualTo(100);
    assertThat(run.atIndex(0).batch().featuresAfter()).isEmpty();
    assertThat(run.atIndex(1).batch().featuresAfter()).isPresent();
    for (int i = 0; i < run.size(); i++) {
      assertThat(read.atIndex(i)).as("step %d", i + 1).isEqualTo(run.atIndex(i));
    }
    assertThat(read.probes()).isEqualTo(run.probes());
    assertThat(read.checkpoints()).hasSize(2);
    for (int c = 0; c < 2; c++) {
      var a = read.checkpoints().get(c);
      var b = run.checkpoints().get(c);
      assertThat(a.step()).isEqualTo(b.step());
      for (int i = 0; i < a.parameters().size(); i++) {
        assertThat(a.parameters().get(i)).containsExactly(b.parameters().get(i));
      }
      assertThat(a.optimizerFirst().size()).isEqualTo(b.optimizerFirst().size());
      assertThat(a.centers()).containsExactly(b.centers());
      assertThat(a.taken()).isEqualTo(b.taken());
    }
    assertThat(read.settingsChanges())
        .extracting(RunRecord.SettingsChange::step)
        .containsExactly(1L, 26L);
  }

  private static String refusal(Path file) {
    try {
      RunFile.read(file);
    } catch (RunFileException e) {
      assertThat(e.getMessage())
          .doesNotContain("\n")
          .doesNotContain("Exception")
          .contains(file.toString());
      return e.getMessage();
    }
    throw new AssertionError(file + " was read");
  }

  @Test
  @DisplayName("an empty file, random bytes, a missing file: one sentence each")
  void notRunFiles() throws IOException {
    assertThat(refusal(Files.createFile(folder.resolve("empty.clab")))).endsWith("is empty.");
    byte[] noise = new byte[5000];
    new SplittableRandom(3).nextBytes(noise);
    assertThat(refusal(Files.write(folder.resolve("noise.clab"), noise)))
        .endsWith("is not a Center Loss Lab run file.");
    assertThat(refusal(folder.resolve("nowhere.clab"))).endsWith("does not exist.");
    assertThat(refusal(Files.writeString(folder.resolve("text.clab"), "{\"hello\": 1}")))
        .endsWith("is not a Center Loss Lab run file.");
  }

  @Test
  @DisplayName("a truncated file is named as truncated")
  void truncated() throws IOException {
    byte[] bytes = Files.readAllBytes(valid);
    Path cut = Files.write(folder.resolve("cut.clab"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
    assertThat(refusal(cut)).contains("is truncated");
  }

  /** A copy of the valid file with one entry replaced (or added) by the given bytes. */
  private Path withEntry(String name, String entry, byte[] content) throws IOException {
    Path file = folder.resolve(name);
    try (ZipFile source = new ZipFile(valid.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      boolean replaced = false;
      for (ZipEntry e : source.stream().toList()) {
        out.putNextEntry(new ZipEntry(e.getName()));
        if (e.getName().equals(entry)) {
          out.write(content);
          replaced = true;
        } else {
          source.getInputStream(e).transferTo(out);
        }
        out.closeEntry();
      }
      if (!replaced) {
        out.putNextEntry(new ZipEntry(entry));
        out.write(content);
        out.closeEntry();
      }
    }
    return file;
  }

  private static String meta() throws IOException {
    try (ZipFile zip = new ZipFile(valid.toFile())) {
      return new String(zip.getInputStream(zip.getEntry(RunFile.META)).readAllBytes());
    }
  }

  @Test
  @DisplayName("a run file of a newer format names both versions")
  void newerFormat() throws IOException {
    Path newer =
        withEntry(
            "newer.clab",
            RunFile.META,
            meta().replace("\"format_version\" : 1", "\"format_version\" : 2").getBytes());
    assertThat(refusal(newer))
        .contains("was made by a newer Center Loss Lab (format 2")
        .contains("reads format 1");
  }

  @Test
  @DisplayName("an entry whose path leaves its folder refuses the whole file")
  void pathTraversal() throws IOException {
    Path evil = withEntry("evil.clab", "../../outside.txt", "hello".getBytes());
    assertThat(refusal(evil)).contains("names a path outside its folder");
    assertThat(Files.exists(folder.getParent().getParent().resolve("outside.txt"))).isFalse();
  }

  @Test
  @DisplayName("an entry that would expand to more than a gigabyte is refused before it is read")
  void zipBomb() throws IOException {
    Path bomb = folder.resolve("bomb.clab");
    try (ZipFile source = new ZipFile(valid.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
      out.setLevel(9);
      for (ZipEntry e : source.stream().toList()) {
        out.putNextEntry(new ZipEntry(e.getName()));
        if (e.getName().equals(RunFile.CHECKPOINTS)) {
          byte[] zeros = new byte[1 << 20];
          for (int i = 0; i < 1100; i++) { // 1.1 GB of zeros, about a megabyte deflated
            out.write(zeros);
          }
        } else {
          source.getInputStream(e).transferTo(out);
        }
        out.closeEntry();
      }
    }
    assertThat(Files.size(bomb)).isLessThan(5L << 20);
    assertThat(refusal(bomb))
        .contains("is damaged")
        .contains(RunFile.CHECKPOINTS)
        .contains("expand");
  }

  @Test
  @DisplayName(
      "impossible settings and numbers that are not finite are refused, naming what is wrong")
  void impossibleNumbers() throws Exception {
    Path settings =
        withEntry(
            "settings.clab",
            RunFile.META,
            meta().replaceFirst("\"alpha\" : 0.5", "\"alpha\" : 7.5").getBytes());
    assertThat(refusal(settings))
        .contains("holds impossible settings")
        .contains("alpha must lie between 0 and 1");

    RunRecord broken = new RunRecord(run.origin());
    StepSnapshot first = run.atIndex(0);
    float[] centers = first.centers().after().toArray();
    centers[3] = Float.NaN;
    broken.add(
        new StepSnapshot(
            first.step(),
            first.epoch(),
            first.hyperparameters(),
            first.marginInForce(),
            first.learningRateInForce(),
            first.scalars(),
            first.batch(),
            new StepSnapshot.CenterMove(
                first.centers().before(), Vec2List.copyOf(centers), first.centers().paperDeltas()),
            first.head(),
            first.headAfter(),
            first.stepMillis(),
            Optional.empty(),
            Optional.empty()));
    Path nan = folder.resolve("nan.clab");
    RunFile.write(broken, nan, "test");
    assertThat(refusal(nan)).contains("is damaged").contains("not a finite number");

    Path badClasses =
        withEntry(
            "classes.clab",
            RunFile.META,
            meta().replace("\"classes\" : 10", "\"classes\" : 100000").getBytes());
    assertThat(refusal(badClasses)).contains("is damaged");
  }

  @Test
  @DisplayName("writing into a folder that does not exist names the file; nothing is left behind")
  void cannotWrite() throws IOException {
    Path target = folder.resolve("no/such/run.clab");
    assertThatThrownBy(() -> RunFile.write(run, target, "test"))
        .isInstanceOf(RunFileException.class)
        .hasMessage(
            "Could not write the run file "
                + target
                + ": the folder does not exist. Nothing was written.");
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.toList()).isEmpty();
    }
  }

  @Test
  @DisplayName("the thinning policy: every probe to step 1,000, then 10 apart, then 100 apart")
  void thinning() {
    assertThat(RunRecord.probeKept(999, 998)).isTrue();
    assertThat(RunRecord.probeKept(1005, 1000)).isFalse();
    assertThat(RunRecord.probeKept(1010, 1000)).isTrue();
    assertThat(RunRecord.probeKept(10_050, 10_000)).isFalse();
    assertThat(RunRecord.probeKept(10_100, 10_000)).isTrue();
  }
}
