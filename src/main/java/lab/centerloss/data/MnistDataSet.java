package lab.centerloss.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.centerloss.text.Message;

/**
 * The four MNIST files of one folder, decoded once into primitive arrays. Any folder with the same
 * four IDX files works (Fashion-MNIST has the same layout); each may be gzip-compressed ({@code
 * name.gz}) or raw. Where the folder holds {@code SHA256SUMS} (for the .gz files) or {@code
 * SHA256SUMS.raw} (for raw files), every file listed there is checked against it.
 */
public record MnistDataSet(Split train, Split test) {
  public static final int CLASSES = 10;

  /**
   * The label of an image from a second data set given as unknowns (e.g. Fashion-MNIST): never a
   * digit, so never known.
   */
  public static final int OTHER_DATA = CLASSES;

  public static final int IMAGE_SIDE = 28;
  static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  /** One part of the data set; pixels are unsigned bytes, image after image. */
  public record Split(int count, int rows, int cols, byte[] pixels, byte[] labels) {
    public int pixelsPerImage() {
      return rows * cols;
    }

    public int label(int index) {
      return labels[index];
    }
  }

  /**
   * SHA-256 over the decoded images and labels of both splits, in hex: the same data gives the same
   * fingerprint whether its files are gzipped or raw. A run file carries it, so that a run is never
   * shown over other data without a warning.
   */
  public String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Split split : List.of(train, test)) {
        sha.update(
            ByteBuffer.allocate(12)
                .putInt(split.count())
                .putInt(split.rows())
                .putInt(split.cols())
                .array());
        sha.update(split.pixels());
        sha.update(split.labels());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  public static MnistDataSet load(Path folder) throws DataSetException {
    if (!Files.isDirectory(folder)) {
      throw new DataSetException(Message.of("data.folderMissing", folder));
    }
    Checksums checksums = Checksums.in(folder);
    Split train = loadSplit(folder, TRAIN_IMAGES, TRAIN_LABELS, checksums);
    Split test = loadSplit(folder, TEST_IMAGES, TEST_LABELS, checksums);
    MnistDataSet data = new MnistDataSet(train, test);
    checkTotal(data);
    return data;
  }

  /**
   * The data set of a folder, with the test images of a second folder among its test images as
   * unknowns when one is given (see {@link #withUnknowns}).
   *
   * @param unknownData a folder with another set's t10k files, or null
   */
  public static MnistDataSet load(Path folder, Path unknownData) throws DataSetException {
    MnistDataSet data = load(folder);
    MnistDataSet all = unknownData == null ? data : data.withUnknowns(loadUnknowns(unknownData));
    checkTotal(all);
    return all;
  }

  /**
   * The most images training can hold in all splits together and stay under 1 GB of memory (issue
   * 25; each is held about six times over, as bytes and as tensors): MNIST with Fashion-MNIST's
   * test images as unknowns is 80,000.
   */
  public static final int MAX_TOTAL_IMAGES = 120_000;

  private static void checkTotal(MnistDataSet data) throws DataSetException {
    long total = (long) data.train().count() + data.test().count();
    if (total > MAX_TOTAL_IMAGES) {
      throw new DataSetException(
          Message.of(
              "data.tooManyImages", String.valueOf(total), String.valueOf(MAX_TOTAL_IMAGES)));
    }
  }

  /**
   * The test images of another IDX data set (its two t10k files), as unknowns: every label becomes
   * {@link #OTHER_DATA}. Any 28x28 set works, e.g. Fashion-MNIST from Debian's {@code
   * dataset-fashion-mnist}.
   */
  public static Split loadUnknowns(Path folder) throws DataSetException {
    if (!Files.isDirectory(folder)) {
      throw new DataSetException(Message.of("data.unknownFolderMissing", folder));
    }
    Split test = loadSplit(folder, TEST_IMAGES, TEST_LABELS, Checksums.in(folder));
    byte[] other = new byte[test.count()];
    Arrays.fill(other, (byte) OTHER_DATA);
    return new Split(test.count(), test.rows(), test.cols(), test.pixels(), other);
  }

  /**
   * This data set with another set's images among its test images, as unknowns. They are
   * interleaved evenly, so that any first part of the test set (the window's probe) holds both in
   * the same proportion as the whole.
   */
  public MnistDataSet withUnknowns(Split unknowns) {
    int n = test.count();
    int m = unknowns.count();
    int pixels = test.pixelsPerImage();
    byte[] images = new byte[(n + m) * pixels];
    byte[] labels = new byte[n + m];
    int fromTest = 0;
    int fromOther = 0;
    for (int k = 0; k < n + m; k++) {
      // the next image is an unknown when unknowns are behind their share of the first k + 1
      boolean other =
          fromOther < m
              && (fromTest >= n || (long) (fromOther + 1) * (n + m) <= (long) (k + 1) * m);
      Split source = other ? unknowns : test;
      int index = other ? fromOther++ : fromTest++;
      System.arraycopy(source.pixels(), index * pixels, images, k * pixels, pixels);
      labels[k] = source.labels()[index];
    }
    return new MnistDataSet(train, new Split(n + m, test.rows(), test.cols(), images, labels));
  }

  /** The largest label of either split, plus one: 10 for MNIST, 11 with unknowns of another set. */
  public int labelValues() {
    int max = CLASSES - 1;
    for (Split split : List.of(train, test)) {
      for (byte label : split.labels()) {
        max = Math.max(max, label);
      }
    }
    return max + 1;
  }

  private static Split loadSplit(
      Path folder, String imagesName, String labelsName, Checksums checksums)
      throws DataSetException {
    Path imagesFile = find(folder, imagesName);
    Path labelsFile = find(folder, labelsName);
    checksums.verify(imagesFile);
    checksums.verify(labelsFile);
    IdxReader.Images images = IdxReader.readImages(imagesFile);
    // LeNet++'s three 2x2 poolings take 28 to 3: other sizes would fail inside libtorch.
    if (images.rows() != IMAGE_SIDE || images.cols() != IMAGE_SIDE) {
      throw new DataSetException(
          Message.of(
              "data.wrongImageSize",
              imagesFile.getFileName(),
              String.valueOf(images.rows()),
              String.valueOf(images.cols())));
    }
    byte[] labels = IdxReader.readLabels(labelsFile, CLASSES);
    if (images.count() != labels.length) {
      throw new DataSetException(
          Message.of(
              "data.countMismatch",
              imagesFile.getFileName(),
              String.valueOf(images.count()),
              labelsFile.getFileName(),
              String.valueOf(labels.length)));
    }
    if (images.count() == 0) {
      // nothing to train on or to test with (issue 25: it ended in a NullPointerException)
      throw new DataSetException(Message.of("data.noImages", imagesFile.getFileName()));
    }
    return new Split(images.count(), images.rows(), images.cols(), images.pixels(), labels);
  }

  private static Path find(Path folder, String baseName) throws DataSetException {
    for (String candidate : List.of(baseName + ".gz", baseName)) {
      Path file = folder.resolve(candidate);
      if (Files.isRegularFile(file)) {
        return file;
      }
      if (Files.exists(file)) {
        throw new DataSetException(Message.of("data.notRegular", file));
      }
    }
    throw new DataSetException(Message.of("data.fileMissingFrom", baseName, folder));
  }

  /** Expected SHA-256 sums by file name, from the folder's SHA256SUMS and SHA256SUMS.raw. */
  private record Checksums(Map<String, String> expected, Map<String, String> source) {
    static Checksums in(Path folder) throws DataSetException {
      Map<String, String> expected = new HashMap<>();
      Map<String, String> source = new HashMap<>();
      for (String sumsName : List.of("SHA256SUMS", "SHA256SUMS.raw")) {
        Path sums = folder.resolve(sumsName);
        if (!Files.isRegularFile(sums)) {
          continue;
        }
        try {
          if (Files.size(sums) > 1 << 20) {
            throw new DataSetException(Message.of("data.sumsTooLarge", sums));
          }
          for (String line : Files.readAllLines(sums)) {
            String[] parts = line.trim().split("\\s+\\*?", 2);
            if (parts.length == 2) {
              expected.put(parts[1].trim(), parts[0].toLowerCase(Locale.ROOT));
              source.put(parts[1].trim(), sumsName);
            }
          }
        } catch (IOException e) {
          throw new DataSetException(
              Message.of("data.sumsUnreadable", sums, String.valueOf(e.getMessage())), e);
        }
      }
      return new Checksums(expected, source);
    }

    void verify(Path file) throws DataSetException {
      String name = file.getFileName().toString();
      String want = expected.get(name);
      if (want == null) {
        return;
      }
      String actual;
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        // streamed: a listed file may be large (its size is checked against its header later)
        try (InputStream in = Files.newInputStream(file)) {
          byte[] buffer = new byte[1 << 16];
          int n;
          while ((n = in.read(buffer)) > 0) {
            sha.update(buffer, 0, n);
          }
        }
        actual = HexFormat.of().formatHex(sha.digest());
      } catch (IOException e) {
        throw new DataSetException(
            Message.of("data.unreadable", file, String.valueOf(e.getMessage())), e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("Every Java runtime has SHA-256", e);
      }
      if (!actual.equals(want)) {
        throw new DataSetException(Message.of("data.checksumMismatch", name, source.get(name)));
      }
    }
  }
}
