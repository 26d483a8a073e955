package lab.centerloss.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Arrays in and out of a run file's binary entries, big-endian, each preceded by its length, and
 * read back only within limits: a length that is negative or larger than what the file may hold is
 * refused before anything is allocated.
 */
final class BinaryIO {
    private BinaryIO() {
    }

    /** Raised for a length or value the format does not allow; the reader turns it into one sentence. */
    static final class Malformed extends IOException {
        Malformed(String what) {
            super(what);
        }
    }

    static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length);
        buffer.asFloatBuffer().put(values);
        out.write(buffer.array());
    }

    static float[] readFloats(DataInputStream in, int maxLength, String what) throws IOException {
        int length = in.readInt();
        check(length >= 0 && length <= maxLength, what + " has " + length + " values (at most " + maxLength + ")");
        byte[] bytes = new byte[4 * length];
        in.readFully(bytes);
        float[] values = new float[length];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
        return values;
    }

    /** Floats that must all be finite numbers (positions, parameters). */
    static float[] readFiniteFloats(DataInputStream in, int maxLength, String what) throws IOException {
        float[] values = readFloats(in, maxLength, what);
        for (float v : values) {
            check(Float.isFinite(v), what + " holds a value that is not a finite number");
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
    static int[] readInts(DataInputStream in, int maxLength, int min, int max, String what) throws IOException {
        int length = in.readInt();
        check(length >= 0 && length <= maxLength, what + " has " + length + " values (at most " + maxLength + ")");
        byte[] bytes = new byte[4 * length];
        in.readFully(bytes);
        int[] values = new int[length];
        ByteBuffer.wrap(bytes).asIntBuffer().get(values);
        for (int v : values) {
            check(v >= min && v <= max, what + " holds " + v + ", outside " + min + ".." + max);
        }
        return values;
    }

    static double readDouble(DataInputStream in, boolean finite, String what) throws IOException {
        double v = in.readDouble();
        check(!finite || Double.isFinite(v), what + " is not a finite number");
        return v;
    }

    static int readInt(DataInputStream in, int min, int max, String what) throws IOException {
        int v = in.readInt();
        check(v >= min && v <= max, what + " is " + v + ", outside " + min + ".." + max);
        return v;
    }

    static long readLong(DataInputStream in, long min, long max, String what) throws IOException {
        long v = in.readLong();
        check(v >= min && v <= max, what + " is " + v + ", outside " + min + ".." + max);
        return v;
    }

    static boolean readFlag(DataInputStream in, String what) throws IOException {
        int v = in.readUnsignedByte();
        check(v == 0 || v == 1, what + " is neither 0 nor 1");
        return v == 1;
    }

    static void check(boolean condition, String what) throws Malformed {
        if (!condition) {
            throw new Malformed(what);
        }
    }

    /** A stream that refuses to yield more than {@code limit} bytes: an entry cannot expand without bound. */
    static final class Limited extends InputStream {
        private final InputStream in;
        private final String entry;
        private long left;

        Limited(InputStream in, long limit, String entry) {
            this.in = in;
            this.left = limit;
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                throw tooLarge();
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                if (in.read() < 0) {
                    return -1;
                }
                throw tooLarge();
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        private Malformed tooLarge() {
            return new Malformed("the entry " + entry + " expands beyond its limit");
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Whether the stream is at its end (a well-formed entry has nothing after its data). */
    static void expectEnd(InputStream in, String entry) throws IOException {
        check(in.read() < 0, "the entry " + entry + " has data after its end");
    }

    static EOFException truncated(String entry) {
        return new EOFException(entry);
    }
}
