package lab.centerloss.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import lab.centerloss.testing.TestData;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.CheckpointKeeping;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.DigitSet;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.ProbeSchedule;
import lab.centerloss.train.RunDriver;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.StopRule;
import lab.centerloss.train.TrainingEngine;
import lab.centerloss.train.TrainingSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run file of a 16-D run: it records the size and the full probes, and reads them back. */
class FeatureDimRunFileTest {
  @TempDir static Path shared;
  private static RunRecord record;
  private static Path file;

  @BeforeAll
  static void trainAndSave() throws Exception {
    Hyperparameters hp =
        Hyperparameters.defaults()
            .withFeatureDim(16)
            .withBatchSize(16)
            .withKnownDigits(DigitSet.OPEN_SET);
    try (TrainingEngine engine = TrainingEngine.open(TestData.mnist(), DeviceChoice.CPU, 1);
        TrainingSession session = engine.newSession(hp)) {
      RunDriver driver =
          RunDriver.of(session, 40)
              .recordingProbes(ProbeSchedule.every(2))
              .keepingCheckpoints(CheckpointKeeping.SPACED)
              .into(
                  new RunDriver.Sink() {
                    @Override
                    public void onOrigin(RunOrigin origin) {
                      record = new RunRecord(origin);
                    }

                    @Override
                    public void onSnapshot(StepSnapshot snapshot) {
                      record.add(snapshot);
                    }

                    @Override
                    public void onCheckpoint(Checkpoint checkpoint) {
                      record.addCheckpoint(checkpoint);
                    }
                  });
      driver.origin(hp);
      driver.run(hp, StopRule.atStep(4));
    }
    file = shared.resolve("d16.clab");
    RunFile.write(record, file, "test");
  }

  @Test
  @DisplayName("the settings say feature_dim 16; full.bin holds every probe's 16-D vectors")
  void roundTrip() throws Exception {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      assertThat(zip.getEntry(RunFile.FULL)).isNotNull();
      String meta = new String(zip.getInputStream(zip.getEntry(RunFile.META)).readAllBytes());
      assertThat(meta).contains("\"feature_dim\" : 16");
    }
    RunRecord read = RunFile.read(file).record();
    assertThat(read.origin().hyperparameters().featureDim()).isEqualTo(16);
    assertThat(read.origin().probe().full()).isEqualTo(record.origin().probe().full());
    assertThat(read.probes()).hasSameSizeAs(record.probes()).isNotEmpty();
    for (int i = 0; i < read.probes().size(); i++) {
      ProbeResult a = record.probes().get(i);
      ProbeResult b = read.probes().get(i);
      assertThat(b.full()).isPresent().isEqualTo(a.full());
      assertThat(b.features()).isEqualTo(a.features());
    }
    assertThat(read.checkpoints()).isNotEmpty();
    assertThat(read.checkpoints().get(0).centers())
        .hasSize(16 * Integer.bitCount(DigitSet.OPEN_SET));
  }

  @Test
  @DisplayName("a 16-D file without full.bin is refused with a sentence, not half read")
  void withoutFull() throws IOException {
    Path damaged = shared.resolve("without-full.clab");
    try (ZipFile zip = new ZipFile(file.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(damaged))) {
      var entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (!e.getName().equals(RunFile.FULL)) {
          out.putNextEntry(new ZipEntry(e.getName()));
          out.write(zip.getInputStream(e).readAllBytes());
          out.closeEntry();
        }
      }
    }
    assertThatThrownBy(() -> RunFile.read(damaged))
        .isInstanceOf(RunFileException.class)
        .hasMessageContaining("full.bin");
  }
}
