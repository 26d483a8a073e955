package lab.centerloss.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import lab.centerloss.testing.TestData;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.TrainingEngine;
import lab.centerloss.train.TrainingSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table of mutated run files (issue 25): truncations, single-byte flips, entries removed, doubled
 * or renamed, declared sizes and compression methods changed, and entries that each stay within
 * their limit but add up to more than a file may expand to. Each is refused in one sentence naming
 * the file, or, where the change touches nothing the reader uses (a time stamp), read back as the
 * same run: never a run with other numbers.
 */
class RunFileMutationTest {
  @TempDir static Path shared;
  private static Path valid;
  private static byte[] bytes;
  private static RunRecord run;

  @BeforeAll
  static void train() throws Exception {
    try (TrainingEngine engine = TrainingEngine.open(TestData.mnist(), DeviceChoice.CPU, 0)) {
      Hyperparameters hp = Hyperparameters.defaults().withBatchSize(32);
      try (TrainingSession session = engine.newSession(hp)) {
        run = new RunRecord(session.origin(hp, 200));
        run.addCheckpoint(session.checkpoint());
        for (int i = 1; i <= 6; i++) {
          StepSnapshot s = session.step(hp, true);
          run.add(i % 2 == 0 ? s.withProbe(session.probe(200, hp.head())) : s);
        }
        run.addCheckpoint(session.checkpoint());
      }
    }
    valid = shared.resolve("valid.clab");
    RunFile.write(run, valid, "test");
    bytes = Files.readAllBytes(valid);
  }

  record Mutant(String name, byte[] content) {}

  @Test
  @DisplayName(
      "every mutated run file is refused in one sentence, or read back as the very same run")
  void mutants() throws Exception {
    List<Mutant> table = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      table.add(
          new Mutant("truncated to " + i + "/13", Arrays.copyOf(bytes, bytes.length * i / 13)));
    }
    table.add(new Mutant("truncated by one byte", Arrays.copyOf(bytes, bytes.length - 1)));
    SplittableRandom random = new SplittableRandom(25);
    for (int i = 0; i < 60; i++) {
      int at = random.nextInt(bytes.length);
      byte[] flipped = bytes.clone();
      flipped[at] ^= (byte) (1 << random.nextInt(8));
      table.add(new Mutant("a bit flipped at byte " + at, flipped));
    }
    for (String entry : RunFile.ENTRY_LIMITS.keySet()) {
      if (entry.equals(RunFile.FULL)) {
        continue; // only a run of more than two dimensions has it; RunFileFeatureDimTest has one
      }
      table.add(new Mutant("without " + entry, rewritten(entry, null, false)));
      table.add(new Mutant(entry + " twice", rewritten(entry, content(entry), true)));
      table.add(new Mutant(entry + " empty", rewritten(entry, new byte[0], false)));
      table.add(
          new Mutant(
              entry + " with a byte more", rewritten(entry, plusByte(content(entry)), false)));
      table.add(
          new Mutant(entry + " declaring one byte more", withCentralDirectory(entry, 24, +1)));
      table.add(
          new Mutant(entry + " declaring one byte less", withCentralDirectory(entry, 24, -1)));
      table.add(new Mutant(entry + " declaring another CRC", withCentralDirectory(entry, 16, +1)));
      table.add(new Mutant(entry + " in an unknown compression", withMethod(entry, 12)));
    }
    table.add(new Mutant("entries adding up to more than a file may expand to", overBudget()));

    int refused = 0;
    for (Mutant m : table) {
      Path file = shared.resolve("mutant.clab");
      Files.write(file, m.content());
      try {
        RunFile.Contents back = RunFile.read(file);
        assertSameRun(m.name(), back.record());
      } catch (RunFileException e) {
        refused++;
        assertThat(e.getMessage())
            .as(m.name())
            .doesNotContain("\n")
            .doesNotContain("Exception")
            .contains(file.toString())
            .endsWith(".");
      }
    }
    // the flips that land on a time stamp or a version field change nothing read; nearly all others
    // are refused
    assertThat(refused)
        .as("mutants refused of %d", table.size())
        .isGreaterThan(table.size() * 3 / 4);
    System.out.println(
        "RunFileMutationTest: " + table.size() + " mutated files, " + refused + " refused");
  }

  @Test
  @DisplayName("a flipped byte inside an entry's data fails its CRC-32")
  void crc() throws Exception {
    byte[] stored = rewrittenStored();
    // in a stored (uncompressed) archive a flip changes the data itself: only the CRC can tell
    int at = indexOf(stored, "format_version".getBytes()) + 2;
    stored[at] ^= 1;
    Path file = Files.write(shared.resolve("stored.clab"), stored);
    try {
      RunFile.read(file);
      throw new AssertionError("read");
    } catch (RunFileException e) {
      assertThat(e.getMessage()).contains("CRC-32");
    }
  }

  private static void assertSameRun(String name, RunRecord back) {
    assertThat(back.origin()).as(name).isEqualTo(run.origin());
    assertThat(back.size()).as(name).isEqualTo(run.size());
    for (int i = 0; i < run.size(); i++) {
      assertThat(back.atIndex(i)).as(name).isEqualTo(run.atIndex(i));
    }
    assertThat(back.probes()).as(name).isEqualTo(run.probes());
    assertThat(back.checkpoints()).as(name).hasSameSizeAs(run.checkpoints());
    for (int c = 0; c < run.checkpoints().size(); c++) {
      for (int p = 0; p < run.checkpoints().get(c).parameters().size(); p++) {
        assertThat(back.checkpoints().get(c).parameters().get(p))
            .as(name)
            .containsExactly(run.checkpoints().get(c).parameters().get(p));
      }
    }
  }

  private static byte[] content(String entry) throws IOException {
    try (ZipFile zip = new ZipFile(valid.toFile())) {
      return zip.getInputStream(zip.getEntry(entry)).readAllBytes();
    }
  }

  private static byte[] plusByte(byte[] content) {
    return Arrays.copyOf(content, content.length + 1);
  }

  /**
   * The valid file with {@code entry} replaced by {@code content} (left out when null), or added
   * again.
   */
  private static byte[] rewritten(String entry, byte[] content, boolean twice) throws IOException {
    Path file = shared.resolve("rewritten.clab");
    try (ZipFile source = new ZipFile(valid.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      for (ZipEntry e : source.stream().toList()) {
        boolean target = e.getName().equals(entry);
        if (target && content == null) {
          continue;
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(target && !twice ? content : source.getInputStream(e).readAllBytes());
        out.closeEntry();
      }
    }
    byte[] result = Files.readAllBytes(file);
    if (twice) {
      // a second central-directory record of the same name: rename another entry to it
      String other = entry.equals(RunFile.META) ? RunFile.ORIGIN : RunFile.META;
      if (other.length() == entry.length()) {
        replaceAll(result, other.getBytes(), entry.getBytes());
      } else {
        return renamed(entry);
      }
    }
    return result;
  }

  /**
   * The valid file with another entry of the same name length renamed to {@code entry}, or an entry
   * renamed away.
   */
  private static byte[] renamed(String entry) {
    byte[] result = bytes.clone();
    byte[] name = entry.getBytes();
    byte[] other = name.clone();
    other[0] =
        (byte)
            (other[0] == 'x'
                ? 'y'
                : 'x'); // "xteps.bin": the entry is missing, an unknown one is there
    replaceAll(result, name, other);
    return result;
  }

  private static void replaceAll(byte[] data, byte[] what, byte[] with) {
    for (int i = 0; i + what.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + what.length, what, 0, what.length)) {
        System.arraycopy(with, 0, data, i, with.length);
      }
    }
  }

  /**
   * The valid file with a 4-byte field of {@code entry}'s central-directory record moved by {@code
   * delta}.
   */
  private static byte[] withCentralDirectory(String entry, int field, int delta) {
    byte[] result = bytes.clone();
    int at = centralRecord(result, entry);
    ByteBuffer b = ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(at + field, b.getInt(at + field) + delta);
    return result;
  }

  /**
   * The valid file with {@code entry}'s compression method (central directory and local header)
   * changed.
   */
  private static byte[] withMethod(String entry, int method) {
    byte[] result = bytes.clone();
    int at = centralRecord(result, entry);
    ByteBuffer b = ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(at + 10, (short) method);
    b.putShort(b.getInt(at + 42) + 8, (short) method);
    return result;
  }

  private static int centralRecord(byte[] data, String entry) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    int end = data.length - 22;
    while (b.getInt(end) != 0x06054b50) {
      end--;
    }
    int at = b.getInt(end + 16);
    while (b.getInt(at) == 0x02014b50) {
      int nameLength = b.getShort(at + 28) & 0xffff;
      String name = new String(data, at + 46, nameLength);
      if (name.equals(entry)) {
        return at;
      }
      at += 46 + nameLength + (b.getShort(at + 30) & 0xffff) + (b.getShort(at + 32) & 0xffff);
    }
    throw new IllegalStateException(entry);
  }

  /**
   * Probes and steps each padded to 150 MB of zeros: within each entry's limit, beyond a whole
   * file's.
   */
  private static byte[] overBudget() throws IOException {
    Path file = shared.resolve("budget.clab");
    try (ZipFile source = new ZipFile(valid.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      out.setLevel(1);
      for (ZipEntry e : source.stream().toList()) {
        out.putNextEntry(new ZipEntry(e.getName()));
        source.getInputStream(e).transferTo(out);
        if (e.getName().equals(RunFile.STEPS) || e.getName().equals(RunFile.PROBES)) {
          byte[] zeros = new byte[1 << 20];
          for (int i = 0; i < 150; i++) {
            out.write(zeros);
          }
        }
        out.closeEntry();
      }
    }
    byte[] result = Files.readAllBytes(file);
    assertThat(result.length).isLessThan(2 << 20);
    return result;
  }

  private static byte[] rewrittenStored() throws IOException {
    Path file = shared.resolve("stored.zip");
    try (ZipFile source = new ZipFile(valid.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      for (ZipEntry e : source.stream().toList()) {
        byte[] data = source.getInputStream(e).readAllBytes();
        ZipEntry stored = new ZipEntry(e.getName());
        stored.setMethod(ZipEntry.STORED);
        stored.setSize(data.length);
        stored.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        stored.setCrc(crc.getValue());
        out.putNextEntry(stored);
        out.write(data);
        out.closeEntry();
      }
    }
    return Files.readAllBytes(file);
  }

  private static int indexOf(byte[] data, byte[] what) {
    for (int i = 0; i + what.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + what.length, what, 0, what.length)) {
        return i;
      }
    }
    throw new IllegalStateException();
  }
}
