package lab.centerloss.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import lab.centerloss.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDataSetTest {

  @Test
  @DisplayName(
      "the bundled set holds 60,000 training and 10,000 test images of 28x28 with labels 0..9")
  void loadsBundledSet() throws Exception {
    MnistDataSet data = MnistDataSet.load(TestData.bundledFolder());
    assertThat(data.train().count()).isEqualTo(60_000);
    assertThat(data.test().count()).isEqualTo(10_000);
    assertThat(data.train().rows()).isEqualTo(28);
    assertThat(data.train().cols()).isEqualTo(28);
    assertThat(data.train().pixels()).hasSize(60_000 * 784);
    // The first training digit of MNIST is a 5, the first test digit a 7.
    assertThat(data.train().label(0)).isEqualTo(5);
    assertThat(data.test().label(0)).isEqualTo(7);
    int[] counts = new int[10];
    for (byte label : data.train().labels()) {
      counts[label]++;
    }
    assertThat(counts).containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
  }

  /** A small valid data set written by the test: 3 training and 2 test images of 2x2. */
  @Nested
  class BrokenFiles {
    @TempDir Path folder;

    @BeforeEach
    void writeValidSet() throws IOException {
      writeGzip("train-images-idx3-ubyte.gz", images(3, 28, 28));
      writeGzip("train-labels-idx1-ubyte.gz", labels(1, 2, 3));
      writeGzip("t10k-images-idx3-ubyte.gz", images(2, 28, 28));
      writeGzip("t10k-labels-idx1-ubyte.gz", labels(4, 9));
    }

    @Test
    void validSetLoads() throws Exception {
      MnistDataSet data = MnistDataSet.load(folder);
      assertThat(data.train().count()).isEqualTo(3);
      assertThat(data.test().labels()).containsExactly(4, 9);
    }

    @Test
    void rawFilesLoadToo() throws Exception {
      Files.delete(folder.resolve("t10k-labels-idx1-ubyte.gz"));
      Files.write(folder.resolve("t10k-labels-idx1-ubyte"), labels(4, 9));
      assertThat(MnistDataSet.load(folder).test().labels()).containsExactly(4, 9);
    }

    @Test
    @DisplayName(
        "another set's test images join the test set as unknowns (label 10), spread evenly; its training files are not needed")
    void unknownsFromAnotherSet(@TempDir Path other) throws Exception {
      byte[] otherImages = images(4, 28, 28);
      for (int i = 16; i < otherImages.length; i++) {
        otherImages[i] = (byte) ~otherImages[i]; // unlike the digits' pixels
      }
      Files.write(other.resolve("t10k-images-idx3-ubyte"), otherImages);
      Files.write(other.resolve("t10k-labels-idx1-ubyte"), labels(0, 1, 2, 3));
      MnistDataSet data = MnistDataSet.load(folder, other);
      assertThat(data.test().count()).isEqualTo(6);
      // 2 digits and 4 others: an other comes whenever the others are behind their share, 2/3
      assertThat(data.test().labels()).containsExactly(4, 10, 10, 9, 10, 10);
      assertThat(data.labelValues()).isEqualTo(11);
      assertThat(data.train().count()).isEqualTo(3);
      // each image is the one of its source, in order
      byte[] firstDigit = Arrays.copyOfRange(images(2, 28, 28), 16, 16 + 784);
      assertThat(Arrays.copyOfRange(data.test().pixels(), 0, 784)).isEqualTo(firstDigit);
      assertThat(Arrays.copyOfRange(data.test().pixels(), 784, 2 * 784))
          .isEqualTo(Arrays.copyOfRange(otherImages, 16, 16 + 784));
      assertThat(Arrays.copyOfRange(data.test().pixels(), 2 * 784, 3 * 784))
          .isEqualTo(Arrays.copyOfRange(otherImages, 16 + 784, 16 + 2 * 784));
      assertThat(Arrays.copyOfRange(data.test().pixels(), 3 * 784, 4 * 784))
          .isEqualTo(Arrays.copyOfRange(images(2, 28, 28), 16 + 784, 16 + 2 * 784));
    }

    @Test
    void unknownDataMissing() {
      assertThatThrownBy(() -> MnistDataSet.load(folder, folder.resolve("fashion")))
          .isInstanceOf(DataSetException.class)
          .hasMessage(
              "Unknown-data folder "
                  + folder.resolve("fashion")
                  + " does not exist or is not a folder.");
    }

    @Test
    void missingFolder() {
      assertThatThrownBy(() -> MnistDataSet.load(folder.resolve("nowhere")))
          .isInstanceOf(DataSetException.class)
          .hasMessage(
              "Data folder " + folder.resolve("nowhere") + " does not exist or is not a folder.");
    }

    @Test
    void missingFile() throws IOException {
      Files.delete(folder.resolve("t10k-labels-idx1-ubyte.gz"));
      assertThatThrownBy(() -> MnistDataSet.load(folder))
          .hasMessage(
              "Data file t10k-labels-idx1-ubyte.gz (or t10k-labels-idx1-ubyte) is missing from "
                  + folder
                  + ".");
    }

    @Test
    void notGzip() throws IOException {
      Files.write(folder.resolve("train-labels-idx1-ubyte.gz"), labels(1, 2, 3));
      assertThatThrownBy(() -> MnistDataSet.load(folder))
          .hasMessage(
              "train-labels-idx1-ubyte.gz is not a gzip file although its name ends in .gz.");
    }

    @Test
    void truncatedGzip() throws IOException {
      Path file = folder.resolve("train-images-idx3-ubyte.gz");
      byte[] whole = Files.readAllBytes(file);
      Files.write(file, Arrays.copyOf(whole, whole.length - 12));
      assertThatThrownBy(() -> MnistDataSet.load(folder))
          .hasMessage("train-images-idx3-ubyte.gz is truncated: its gzip stream ends early.");
    }

    @Test
    void corruptGzip() throws IOException {
      Path file = folder.resolve("train-images-idx3-ubyte.gz");
      byte[] bytes = Files.readAllBytes(file);
      bytes[2] = 7; // compression method: only 8 (deflate) exists
      Files.write(file, bytes);
      assertThatThrownBy(() -> MnistDataSet.load(folder))
          .hasMessageStartingWith("train-images-idx3-ubyte.gz is a corrupt gzip file (");
    }

    @Test
    void wrongMagic() throws IOException {
      writeGzip("train-images-idx3-ubyte.gz", labels(1, 2, 3)); // a label file where images belong
      assertThatThrownBy(() -> MnistDataSet.load(folder))
          .hasMessage(
              "train-images-idx3-ubyte.gz has the wrong magic number 0x00000801 for an IDX images "
                  + "file (expected 0x00000803).");
    }

    @Test
    void headerDoesNotMatchLength() throws IOException {
      byte[] images = images(3, 2, 2);
      writeGzip("train-images-idx3-ubyte.gz", Arrays.copyOf(images, images.length - 1));
      assertThatThrownBy(() -> MnistDataSet.load(folder))
          .hasMessage(
              "train-images-idx3-ubyte.gz does not match its header: the header announces 3 images "
                  + "of 2x2 pixels (28 bytes) but the file holds 27 bytes.");
    }

    @Test
    void imagesOfAnotherSize() throws IOException {
      writeGzip("t10k-images-idx3-ubyte.gz", images(2, 32, 32));
      assertThatThrownBy(() -> MnistDataSet.load(folder))
          .hasMessage(
              "t10k-images-idx3-ubyte.gz holds images of 32x32 pixels; the network takes 28x28, "
                  + "the size of MNIST and Fashion-MNIST.");
    }

    @Test
    void labelFileLongerThanHeader() throws IOException {
      byte[] labels = labels(1, 2, 3);
      writeGzip("train-labels-idx1-ubyte.gz", Arrays.copyOf(labels, labels.length + 2));
      assertThatThrownBy(() -> MnistDataSet.load(folder))
          .hasMessage(
              "train-labels-idx1-ubyte.gz does not match its header: the header announces 3 labels "
                  + "(11 bytes) but the file holds 13 bytes.");
    }

    @Test
    void countsDiffer() throws IOException {
      writeGzip("t10k-labels-idx1-ubyte.gz", labels(4, 9, 1));
      assertThatThrownBy(() -> MnistDataSet.load(folder))
          .hasMessage(
              "t10k-images-idx3-ubyte.gz holds 2 images but t10k-labels-idx1-ubyte.gz holds 3 labels.");
    }

    @Test
    void labelOutOfRange() throws IOException {
      writeGzip("train-labels-idx1-ubyte.gz", labels(1, 12, 3));
      assertThatThrownBy(() -> MnistDataSet.load(folder))
          .hasMessage("train-labels-idx1-ubyte.gz has label 12 at position 1, outside 0..9.");
    }

    @Test
    void checksumMismatch() throws IOException {
      String good = sha256(folder.resolve("train-labels-idx1-ubyte.gz"));
      Files.writeString(
          folder.resolve("SHA256SUMS"),
          good
              + "  train-labels-idx1-ubyte.gz\n"
              + "0".repeat(64)
              + "  t10k-images-idx3-ubyte.gz\n");
      assertThatThrownBy(() -> MnistDataSet.load(folder))
          .hasMessage(
              "t10k-images-idx3-ubyte.gz does not match its checksum in SHA256SUMS: "
                  + "the file is damaged or was replaced.");
    }

    @Test
    void matchingChecksumsPass() throws Exception {
      Files.writeString(
          folder.resolve("SHA256SUMS"),
          sha256(folder.resolve("train-labels-idx1-ubyte.gz")) + "  train-labels-idx1-ubyte.gz\n");
      assertThat(MnistDataSet.load(folder).train().count()).isEqualTo(3);
    }

    private void writeGzip(String name, byte[] content) throws IOException {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve(name)))) {
        out.write(content);
      }
    }
  }

  @Test
  @DisplayName("the bundled files match the checksums shipped with them")
  void bundledChecksumsAreChecked() throws Exception {
    Path folder = TestData.bundledFolder();
    assertThat(Files.readString(folder.resolve("SHA256SUMS")))
        .contains("train-images-idx3-ubyte.gz");
    assertThat(sha256(folder.resolve("t10k-labels-idx1-ubyte.gz")))
        .isEqualTo("b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b");
  }

  static byte[] images(int count, int rows, int cols) {
    ByteBuffer buffer = ByteBuffer.allocate(16 + count * rows * cols);
    buffer.putInt(0x803).putInt(count).putInt(rows).putInt(cols);
    for (int i = 0; i < count * rows * cols; i++) {
      buffer.put((byte) (i * 37));
    }
    return buffer.array();
  }

  static byte[] labels(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 + values.length);
    buffer.putInt(0x801).putInt(values.length);
    for (int v : values) {
      buffer.put((byte) v);
    }
    return buffer.array();
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
