package lab.centerloss.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import lab.centerloss.text.Message;

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
      ByteBuffer header =
          source.header(IMAGE_HEADER_BYTES, IMAGE_MAGIC, Message.of("data.kind.images"));
      int count = header.getInt(4);
      int rows = header.getInt(8);
      int cols = header.getInt(12);
      if (count < 0 || rows <= 0 || cols <= 0) {
        throw new DataSetException(
            Message.of("data.impossibleHeader", name, imagesOf(count, rows, cols)));
      }
      long expected = IMAGE_HEADER_BYTES + (long) count * rows * cols;
      byte[] pixels = source.payload(IMAGE_HEADER_BYTES, expected, imagesOf(count, rows, cols));
      return new Images(count, rows, cols, pixels);
    }
  }

  private static Message imagesOf(int count, int rows, int cols) {
    return Message.of(
        "data.what.images", String.valueOf(count), String.valueOf(rows), String.valueOf(cols));
  }

  private static Message labelsOf(int count) {
    return Message.of("data.what.labels", String.valueOf(count));
  }

  /** Labels as bytes; each is checked to lie in 0..{@code classes - 1}. */
  public static byte[] readLabels(Path file, int classes) throws DataSetException {
    String name = file.getFileName().toString();
    byte[] labels;
    try (Source source = Source.open(file)) {
      ByteBuffer header =
          source.header(LABEL_HEADER_BYTES, LABEL_MAGIC, Message.of("data.kind.labels"));
      int count = header.getInt(4);
      if (count < 0) {
        throw new DataSetException(Message.of("data.impossibleHeader", name, labelsOf(count)));
      }
      labels =
          source.payload(LABEL_HEADER_BYTES, LABEL_HEADER_BYTES + (long) count, labelsOf(count));
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new DataSetException(
            Message.of(
                "data.labelOutOfRange",
                name,
                String.valueOf(Byte.toUnsignedInt(labels[i])),
                String.valueOf(i),
                String.valueOf(classes - 1)));
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
        throw new DataSetException(Message.of("data.notRegular", file));
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
            throw new DataSetException(Message.of("data.notGzip", name));
          }
          return new Source(file, raw, false);
        }
        return new Source(file, new GZIPInputStream(raw, 1 << 16), true);
      } catch (IOException e) {
        throw failed(file, e);
      }
    }

    /** The header, of {@code bytes} bytes, with its magic number checked. */
    ByteBuffer header(int bytes, int magic, Message kind) throws DataSetException {
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
    byte[] payload(int headerBytes, long expected, Message what) throws DataSetException {
      long length = expected - headerBytes;
      if (length > MAX_DATA_BYTES) {
        throw new DataSetException(
            Message.of("data.headerTooLarge", name, what, MAX_DATA_BYTES >> 20));
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
                Message.of("data.longerThanHeader", name, what, String.valueOf(expected)));
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
        return new DataSetException(Message.of("data.fileMissing", file), e);
      }
      if (e instanceof EOFException) {
        return new DataSetException(Message.of("data.gzipTruncated", name), e);
      }
      if (e instanceof ZipException) {
        return new DataSetException(
            Message.of("data.gzipCorrupt", name, String.valueOf(e.getMessage())), e);
      }
      return new DataSetException(
          Message.of("data.unreadable", file, String.valueOf(e.getMessage())), e);
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
          Message.of("data.headerTooShort", name, String.valueOf(bytes.capacity())));
    }
  }

  private static void checkMagic(String name, int magic, int expected, Message kind)
      throws DataSetException {
    if (magic != expected) {
      throw new DataSetException(
          Message.of(
              "data.wrongMagic",
              name,
              String.format(Locale.ROOT, "0x%08x", magic),
              kind,
              String.format(Locale.ROOT, "0x%08x", expected)));
    }
  }

  private static void checkLength(String name, long actual, long expected, Message what)
      throws DataSetException {
    if (actual != expected) {
      throw new DataSetException(
          Message.of(
              "data.lengthMismatch", name, what, String.valueOf(expected), String.valueOf(actual)));
    }
  }
}
