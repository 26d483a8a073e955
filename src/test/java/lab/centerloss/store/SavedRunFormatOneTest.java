package lab.centerloss.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import lab.centerloss.text.Language;
import lab.centerloss.text.Message;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.CheckpointPolicy;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.StepSnapshot;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run saved by the app before the run file got its codecs (format 1): users have such files, and
 * every later version must open them with the same numbers. The fixture was written by {@code train
 * --steps 30 --probe-size 100 --batch-size 32 --head cosface --known 2,3,4,5,8,9 --seed 7
 * --probe-every 10 --save-run}; the values checked here are what that version read back.
 */
class SavedRunFormatOneTest {
  static final String FIXTURE = "format-1-cosface-open-set.clab";

  static Path fixture() throws URISyntaxException {
    return Path.of(SavedRunFormatOneTest.class.getResource(FIXTURE).toURI());
  }

  @Test
  @DisplayName("a run file of format 1 opens with its settings, steps, probes and checkpoint")
  void opensFormatOne() throws Exception {
    RunFile.Contents contents = RunFile.read(fixture());
    assertThat(contents.formatVersion()).isEqualTo(1);
    assertThat(contents.appVersion()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(contents.dataFingerprint())
        .isEqualTo("2c5f2f9840741fb2fba3494844a010c0036508612aa12e9c5f8f44978cee3963");

    RunRecord run = contents.record();
    Hyperparameters expected =
        Hyperparameters.recommendedFor(HeadKind.COSFACE)
            .withBatchSize(32)
            .withSeed(7)
            .withKnownDigits(Hyperparameters.OPEN_SET_DIGITS);
    assertThat(run.origin().hyperparameters()).isEqualTo(expected);
    assertThat(run.origin().classes()).isEqualTo(6);
    assertThat(run.origin().probe().size()).isEqualTo(100);
    assertThat(run.origin().probe().step()).isZero();
    assertThat(run.settingsChanges()).hasSize(1);

    assertThat(run.size()).isEqualTo(30);
    StepSnapshot first = run.steps().get(0);
    assertThat(first.step()).isEqualTo(1);
    assertThat(first.epoch()).isEqualTo(1);
    assertThat(first.hyperparameters()).isEqualTo(expected);
    assertThat(first.learningRateInForce()).isEqualTo(1e-5);
    assertThat(first.marginInForce()).isZero();
    assertThat(first.scalars().lossSoftmax()).isEqualTo(20.973217010498047);
    assertThat(first.scalars().lossCenter()).isEqualTo(0.11961793899536133);
    assertThat(first.scalars().batchAccuracy()).isEqualTo(0.09375);
    assertThat(first.scalars().gradientNorm()).isEqualTo(353.22222900390625);
    assertThat(first.stepMillis()).isEqualTo(76.351469);
    assertThat(first.divergence()).isEmpty();
    assertThat(first.centers().after().x(0)).isEqualTo(-0.02660189f);
    assertThat(first.centers().after().y(0)).isEqualTo(0.12966089f);
    assertThat(first.head().bias()).isEmpty();
    assertThat(first.hasBatchDetails()).isTrue();
    assertThat(first.batch().labels().size()).isEqualTo(32);
    assertThat(first.batch().labels().get(0)).isEqualTo(4);
    assertThat(first.batch().featuresAfter()).isPresent();

    StepSnapshot last = run.steps().get(29);
    assertThat(last.step()).isEqualTo(30);
    assertThat(last.marginInForce()).isCloseTo(0.0029, within(1e-12));
    assertThat(last.learningRateInForce()).isCloseTo(3e-4, within(1e-15));
    assertThat(last.scalars().batchAccuracy()).isEqualTo(0.3125);
    assertThat(last.scalars().lossSoftmax()).isEqualTo(10.04514217376709);

    List<ProbeResult> probes = run.probes();
    assertThat(probes).extracting(ProbeResult::step).containsExactly(10L, 20L, 30L);
    assertThat(probes.get(2).accuracy()).isEqualTo(0.33962264150943394);
    assertThat(probes.get(2).features().x(0)).isEqualTo(3.2091734f);
    assertThat(probes.get(2).labels().get(0)).isEqualTo(7);
    assertThat(probes.get(2).predictions().get(0)).isEqualTo(2);

    assertThat(run.checkpoints()).hasSize(1);
    Checkpoint start = run.checkpoints().get(0);
    assertThat(start.step()).isZero();
    assertThat(start.parameters()).hasSize(23);
    assertThat(start.parameters().get(0)).hasSize(200);
    assertThat(start.parameters().get(0)[0]).isEqualTo(-0.25561953f);
    assertThat(start.optimizerKind()).isNull();
    assertThat(start.optimizerSteps()).isZero();
    assertThat(start.taken()).isEqualTo(35152);
  }

  @Test
  @DisplayName(
      "written again by the codecs, format 1's binary entries come out byte for byte the same")
  void codecsKeepTheLayout(@TempDir Path folder) throws Exception {
    RunFile.Contents contents = RunFile.read(fixture());
    Path again = folder.resolve("again.clab");
    RunFile.write(contents.record(), again, contents.appVersion());
    try (ZipFile before = new ZipFile(fixture().toFile());
        ZipFile after = new ZipFile(again.toFile())) {
      for (String entry :
          List.of(RunFile.ORIGIN, RunFile.STEPS, RunFile.PROBES, RunFile.CHECKPOINTS)) {
        assertThat(after.getInputStream(after.getEntry(entry)).readAllBytes())
            .as(entry)
            .isEqualTo(before.getInputStream(before.getEntry(entry)).readAllBytes());
      }
      JsonNode meta =
          new ObjectMapper().readTree(after.getInputStream(after.getEntry(RunFile.META)));
      assertThat(meta.get("format_version").asInt()).isEqualTo(RunFile.FORMAT_VERSION).isEqualTo(1);
      JsonNode checkpoints = meta.at("/kept/policy/checkpoints");
      assertThat(checkpoints.get("apart").asInt()).isEqualTo(CheckpointPolicy.EARLY_SPACING);
      assertThat(checkpoints.get("then_apart").asInt()).isEqualTo(CheckpointPolicy.LATE_SPACING);
      assertThat(meta.at("/kept/policy/batch_details_for_last_steps").asInt())
          .isEqualTo(RunRecord.DETAILS_KEPT);
    }
    assertThat(RunFile.read(again).record().steps()).isEqualTo(contents.record().steps());
  }

  @Test
  @DisplayName(
      "what is wrong in a damaged file is a message of its own, rendered in the language in force")
  void damageIsAMessage(@TempDir Path folder) throws Exception {
    Path damaged = folder.resolve("damaged.clab");
    try (ZipFile source = new ZipFile(fixture().toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(damaged))) {
      for (ZipEntry e : source.stream().toList()) {
        byte[] bytes = source.getInputStream(e).readAllBytes();
        if (e.getName().equals(RunFile.META)) {
          bytes =
              new String(bytes, StandardCharsets.UTF_8)
                  .replace("\"classes\" : 6", "\"classes\" : 1")
                  .getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(bytes);
        out.closeEntry();
      }
    }
    RunFileException refused =
        catchThrowableOfType(() -> RunFile.read(damaged), RunFileException.class);
    Message reason = refused.reason();
    assertThat(reason.key()).isEqualTo("runfile.damaged");
    assertThat(reason.arguments().get(1)).isEqualTo(Message.of("runfile.bad.classes", "1"));
    assertThat(refused.getMessage()).endsWith("is damaged: classes is 1.");
    Language before = Messages.language();
    try {
      Messages.use(Language.SIMPLIFIED_CHINESE);
      assertThat(reason.render()).contains("已损坏：classes 是 1").doesNotContain("is damaged");
    } finally {
      Messages.use(before);
    }
  }
}
