package lab.centerloss.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import lab.centerloss.text.Message;

/**
 * Arrays in and out of a run file's binary entries, big-endian, each preceded by its length, and
 * read back only within limits: a length that is negative or larger than what the file may hold is
 * refused before anything is allocated.
 */
final class BinaryIO {
  private BinaryIO() {}

  /**
   * Raised for a length or value the format does not allow; the reader turns it into one sentence.
   */
  static final class Malformed extends IOException {
    private final transient Message reason;

    Malformed(Message reason) {
      super(reason.key());
      this.reason = reason;
    }

    /** What is wrong, for the sentence that names the file. */
    Message reason() {
      return reason;
    }
  }

  static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length);
    buffer.asFloatBuffer().put(values);
    out.write(buffer.array());
  }

  static float[] readFloats(DataInputStream in, int maxLength, Message what) throws IOException {
    int length = in.readInt();
    check(length >= 0 && length <= maxLength, tooMany(what, length, maxLength));
    byte[] bytes = new byte[4 * length];
    in.readFully(bytes);
    float[] values = new float[length];
    ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
    return values;
  }

  /** Floats that must all be finite numbers (positions, parameters). */
  static float[] readFiniteFloats(DataInputStream in, int maxLength, Message what)
      throws IOException {
    float[] values = readFloats(in, maxLength, what);
    for (float v : values) {
      check(Float.isFinite(v), Message.of("runfile.bad.holdsNotFinite", what));
    }
    return values;
  }

  static void writeInts(DataOutputStream out, int[] values) throws IOException {
    out.writeInt(values.length);
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length);
    buffer.asIntBuffer().put(values);
    out.write(buffer.array());
  }

  /** Ints each in [min, max]. */
  static int[] readInts(DataInputStream in, int maxLength, int min, int max, Message what)
      throws IOException {
    int length = in.readInt();
    check(length >= 0 && length <= maxLength, tooMany(what, length, maxLength));
    byte[] bytes = new byte[4 * length];
    in.readFully(bytes);
    int[] values = new int[length];
    ByteBuffer.wrap(bytes).asIntBuffer().get(values);
    for (int v : values) {
      check(
          v >= min && v <= max,
          Message.of(
              "runfile.bad.holdsOutside",
              what,
              String.valueOf(v),
              String.valueOf(min),
              String.valueOf(max)));
    }
    return values;
  }

  static double readDouble(DataInputStream in, boolean finite, Message what) throws IOException {
    double v = in.readDouble();
    check(!finite || Double.isFinite(v), Message.of("runfile.bad.notFinite", what));
    return v;
  }

  static int readInt(DataInputStream in, int min, int max, Message what) throws IOException {
    int v = in.readInt();
    check(v >= min && v <= max, outside(what, v, min, max));
    return v;
  }

  static long readLong(DataInputStream in, long min, long max, Message what) throws IOException {
    long v = in.readLong();
    check(v >= min && v <= max, outside(what, v, min, max));
    return v;
  }

  static boolean readFlag(DataInputStream in, Message what) throws IOException {
    int v = in.readUnsignedByte();
    check(v == 0 || v == 1, Message.of("runfile.bad.flag", what));
    return v == 1;
  }

  static void check(boolean condition, Message what) throws Malformed {
    if (!condition) {
      throw new Malformed(what);
    }
  }

  /** "{what} has {length} values (at most {max})". */
  static Message tooMany(Message what, long length, long max) {
    return Message.of("runfile.bad.tooMany", what, String.valueOf(length), String.valueOf(max));
  }

  /** "{what} is {v}, outside {min}..{max}". */
  private static Message outside(Message what, long v, long min, long max) {
    return Message.of(
        "runfile.bad.outside", what, String.valueOf(v), String.valueOf(min), String.valueOf(max));
  }

  /**
   * What a whole file may still expand to: every entry's bytes count against it, so that a file of
   * entries each within its own limit cannot add up to gigabytes (issue 25).
   */
  static final class Budget {
    private long left;

    Budget(long total) {
      this.left = total;
    }

    long left() {
      return left;
    }
  }

  /**
   * A stream that refuses to yield more than {@code limit} bytes, nor more than the file's {@link
   * Budget} has left: an entry cannot expand without bound.
   */
  static final class Limited extends InputStream {
    private final InputStream in;
    private final String entry;
    private final Budget budget;
    private long left;

    Limited(InputStream in, long limit, String entry) {
      this(in, limit, entry, new Budget(Long.MAX_VALUE));
    }

    Limited(InputStream in, long limit, String entry, Budget budget) {
      this.in = in;
      this.left = limit;
      this.entry = entry;
      this.budget = budget;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0 || budget.left <= 0) {
        if (in.read() < 0) {
          return -1;
        }
        throw tooLarge();
      }
      int b = in.read();
      if (b >= 0) {
        left--;
        budget.left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0 || budget.left <= 0) {
        if (in.read() < 0) {
          return -1;
        }
        throw tooLarge();
      }
      int n = in.read(buffer, offset, (int) Math.min(length, Math.min(left, budget.left)));
      if (n > 0) {
        left -= n;
        budget.left -= n;
      }
      return n;
    }

    private Malformed tooLarge() {
      return new Malformed(
          budget.left <= 0
              ? Message.of("runfile.bad.fileExpands")
              : Message.of("runfile.bad.entryExpands", entry));
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * An entry's bytes checked, at their end, against the CRC-32 and the size the archive records for
   * it: a flipped byte is refused, not read as other numbers (issue 25).
   */
  static final class CrcChecked extends InputStream {
    private final InputStream in;
    private final String entry;
    private final long expectedCrc;
    private final long expectedSize;
    private final CRC32 crc = new CRC32();
    private long size;
    private boolean checked;

    CrcChecked(InputStream in, String entry, long expectedCrc, long expectedSize) {
      this.in = in;
      this.entry = entry;
      this.expectedCrc = expectedCrc;
      this.expectedSize = expectedSize;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        atEnd();
      } else {
        crc.update(b);
        size++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n < 0) {
        atEnd();
      } else {
        crc.update(buffer, offset, n);
        size += n;
      }
      return n;
    }

    private void atEnd() throws Malformed {
      if (checked) {
        return;
      }
      checked = true;
      check(
          expectedSize < 0 || size == expectedSize,
          Message.of(
              "runfile.bad.entrySize", entry, String.valueOf(size), String.valueOf(expectedSize)));
      check(expectedCrc < 0 || crc.getValue() == expectedCrc, Message.of("runfile.bad.crc", entry));
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Whether the stream is at its end (a well-formed entry has nothing after its data). */
  static void expectEnd(InputStream in, String entry) throws IOException {
    check(in.read() < 0, Message.of("runfile.bad.trailing", entry));
  }

  static EOFException truncated(String entry) {
    return new EOFException(entry);
  }
}
