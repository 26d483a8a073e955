package lab.centerloss.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import lab.centerloss.text.Messages;

/**
 * Reads IDX files (the MNIST format), gzip-compressed or raw. Layout, big-endian: magic {@code
 * 0x00000803} for images followed by count, rows, cols and count*rows*cols unsigned bytes; magic
 * {@code 0x00000801} for labels followed by count and count bytes.
 */
public final class IdxReader {
  static final int IMAGE_MAGIC = 0x00000803;
  static final int LABEL_MAGIC = 0x00000801;
  private static final int IMAGE_HEADER_BYTES = 16;
  private static final int LABEL_HEADER_BYTES = 8;

  private IdxReader() {}

  /** Images as unsigned bytes, row-major, image after image. */
  public record Images(int count, int rows, int cols, byte[] pixels) {
    public int pixelsPerImage() {
      return rows * cols;
    }
  }

  /**
   * The most data (pixels or labels) one file may hold: some 107,000 images of 28x28, 1.8 times
   * MNIST's training set (issue 25: a small gzip file announcing or holding gigabytes is refused
   * before they are held in memory). Training holds each image some six times over (as bytes and as
   * the tensors built from them): at this limit a training run stays under 1 GB (measured: 713 MB
   * with MNIST's 60,000 images, 2.1 GB with 340,000).
   */
  static final long MAX_DATA_BYTES = 80L << 20;

  /** How far past its header's length a file is read to say how long it is. */
  private static final long MAX_EXCESS_COUNTED = 16L << 20;

  public static Images readImages(Path file) throws DataSetException {
    String name = file.getFileName().toString();
    try (Source source = Source.open(file)) {
      ByteBuffer header = source.header(IMAGE_HEADER_BYTES, IMAGE_MAGIC, "images");
      int count = header.getInt(4);
      int rows = header.getInt(8);
      int cols = header.getInt(12);
      if (count < 0 || rows <= 0 || cols <= 0) {
        throw new DataSetException(
            name
                + " has an impossible header: "
                + count
                + " images of "
                + rows
                + "x"
                + cols
                + " pixels.");
      }
      long expected = IMAGE_HEADER_BYTES + (long) count * rows * cols;
      byte[] pixels =
          source.payload(
              IMAGE_HEADER_BYTES, expected, count + " images of " + rows + "x" + cols + " pixels");
      return new Images(count, rows, cols, pixels);
    }
  }

  /** Labels as bytes; each is checked to lie in 0..{@code classes - 1}. */
  public static byte[] readLabels(Path file, int classes) throws DataSetException {
    String name = file.getFileName().toString();
    byte[] labels;
    try (Source source = Source.open(file)) {
      ByteBuffer header = source.header(LABEL_HEADER_BYTES, LABEL_MAGIC, "labels");
      int count = header.getInt(4);
      if (count < 0) {
        throw new DataSetException(name + " has an impossible header: " + count + " labels.");
      }
      labels =
          source.payload(LABEL_HEADER_BYTES, LABEL_HEADER_BYTES + (long) count, count + " labels");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new DataSetException(
            name
                + " has label "
                + Byte.toUnsignedInt(labels[i])
                + " at position "
                + i
                + ", outside 0.."
                + (classes - 1)
                + ".");
      }
    }
    return labels;
  }

  /**
   * One IDX file as a stream, gunzipped when it starts with the gzip signature, read only as far as
   * its header says: the header is read first, and no more than it announces (within {@link
   * #MAX_DATA_BYTES}) is ever held.
   */
  private static final class Source implements AutoCloseable {
    private final Path file;
    private final String name;
    private final InputStream in;
    private final boolean gzip;

    private Source(Path file, InputStream in, boolean gzip) {
      this.file = file;
      this.name = file.getFileName().toString();
      this.in = in;
      this.gzip = gzip;
    }

    static Source open(Path file) throws DataSetException {
      String name = file.getFileName().toString();
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        // a device (/dev/zero), a pipe or a folder: reading it would never end, or hang
        throw new DataSetException(Messages.text("data.notRegular", file));
      }
      try {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int first = raw.read();
        int second = raw.read();
        raw.reset();
        boolean gzipSignature = first == 0x1f && second == 0x8b;
        if (!gzipSignature) {
          if (name.endsWith(".gz")) {
            raw.close();
            throw new DataSetException(name + " is not a gzip file although its name ends in .gz.");
          }
          return new Source(file, raw, false);
        }
        return new Source(file, new GZIPInputStream(raw, 1 << 16), true);
      } catch (IOException e) {
        throw failed(file, e);
      }
    }

    /** The header, of {@code bytes} bytes, with its magic number checked. */
    ByteBuffer header(int bytes, int magic, String kind) throws DataSetException {
      try {
        byte[] header = in.readNBytes(bytes);
        ByteBuffer buffer = ByteBuffer.wrap(header);
        checkHeaderLength(name, buffer, Math.min(4, bytes));
        checkMagic(name, buffer.getInt(0), magic, kind);
        checkHeaderLength(name, buffer, bytes);
        return buffer;
      } catch (IOException e) {
        throw failed(file, e);
      }
    }

    /**
     * What follows a header of {@code headerBytes} in a file announced as {@code expected} bytes
     * long; a file longer or shorter than that is refused.
     */
    byte[] payload(int headerBytes, long expected, String what) throws DataSetException {
      long length = expected - headerBytes;
      if (length > MAX_DATA_BYTES) {
        throw new DataSetException(
            Messages.text("data.headerTooLarge", name, what, MAX_DATA_BYTES >> 20));
      }
      try {
        if (!gzip) {
          // a raw file's length is known before anything is read: a huge or sparse file costs
          // nothing
          checkLength(name, Files.size(file), expected, what);
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
          checkLength(name, headerBytes + payload.length, expected, what);
        }
        if (in.read() >= 0) {
          // longer than announced: count how much longer, but only so far (a gzip bomb never ends)
          long counted = expected + 1;
          byte[] sink = new byte[1 << 16];
          int n;
          while (counted - expected <= MAX_EXCESS_COUNTED && (n = in.read(sink)) > 0) {
            counted += n;
          }
          if (counted - expected > MAX_EXCESS_COUNTED) {
            throw new DataSetException(
                Messages.text("data.longerThanHeader", name, what, String.valueOf(expected)));
          }
          checkLength(name, counted, expected, what);
        }
        return payload;
      } catch (IOException e) {
        throw failed(file, e);
      }
    }

    static DataSetException failed(Path file, IOException e) {
      String name = file.getFileName().toString();
      if (e instanceof NoSuchFileException) {
        return new DataSetException("Data file " + file + " is missing.", e);
      }
      if (e instanceof EOFException) {
        return new DataSetException(name + " is truncated: its gzip stream ends early.", e);
      }
      if (e instanceof ZipException) {
        return new DataSetException(name + " is a corrupt gzip file (" + e.getMessage() + ").", e);
      }
      return new DataSetException(
          "Data file " + file + " cannot be read (" + e.getMessage() + ").", e);
    }

    @Override
    public void close() throws DataSetException {
      try {
        in.close();
      } catch (IOException e) {
        throw failed(file, e);
      }
    }
  }

  private static void checkHeaderLength(String name, ByteBuffer bytes, int headerBytes)
      throws DataSetException {
    if (bytes.capacity() < headerBytes) {
      throw new DataSetException(
          name + " is too short to hold an IDX header (" + bytes.capacity() + " bytes).");
    }
  }

  private static void checkMagic(String name, int magic, int expected, String kind)
      throws DataSetException {
    if (magic != expected) {
      throw new DataSetException(
          String.format(
              "%s has the wrong magic number 0x%08x for an IDX %s file (expected 0x%08x).",
              name, magic, kind, expected));
    }
  }

  private static void checkLength(String name, long actual, long expected, String what)
      throws DataSetException {
    if (actual != expected) {
      throw new DataSetException(
          name
              + " does not match its header: the header announces "
              + what
              + " ("
              + expected
              + " bytes) but the file holds "
              + actual
              + " bytes.");
    }
  }
}
