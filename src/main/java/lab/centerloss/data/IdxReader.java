package lab.centerloss.data;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format), gzip-compressed or raw. Layout, big-endian: magic
 * {@code 0x00000803} for images followed by count, rows, cols and count*rows*cols unsigned bytes;
 * magic {@code 0x00000801} for labels followed by count and count bytes.
 */
public final class IdxReader {
    static final int IMAGE_MAGIC = 0x00000803;
    static final int LABEL_MAGIC = 0x00000801;
    private static final int IMAGE_HEADER_BYTES = 16;
    private static final int LABEL_HEADER_BYTES = 8;

    private IdxReader() {
    }

    /** Images as unsigned bytes, row-major, image after image. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
        public int pixelsPerImage() {
            return rows * cols;
        }
    }

    public static Images readImages(Path file) throws DataSetException {
        ByteBuffer bytes = ByteBuffer.wrap(readAll(file));
        String name = file.getFileName().toString();
        checkHeaderLength(name, bytes, 4);
        checkMagic(name, bytes.getInt(0), IMAGE_MAGIC, "images");
        checkHeaderLength(name, bytes, IMAGE_HEADER_BYTES);
        int count = bytes.getInt(4);
        int rows = bytes.getInt(8);
        int cols = bytes.getInt(12);
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new DataSetException(name + " has an impossible header: " + count + " images of "
                    + rows + "x" + cols + " pixels.");
        }
        long expected = IMAGE_HEADER_BYTES + (long) count * rows * cols;
        checkLength(name, bytes.capacity(), expected,
                count + " images of " + rows + "x" + cols + " pixels");
        byte[] pixels = new byte[(int) (expected - IMAGE_HEADER_BYTES)];
        bytes.get(IMAGE_HEADER_BYTES, pixels);
        return new Images(count, rows, cols, pixels);
    }

    /** Labels as bytes; each is checked to lie in 0..{@code classes - 1}. */
    public static byte[] readLabels(Path file, int classes) throws DataSetException {
        ByteBuffer bytes = ByteBuffer.wrap(readAll(file));
        String name = file.getFileName().toString();
        checkHeaderLength(name, bytes, 4);
        checkMagic(name, bytes.getInt(0), LABEL_MAGIC, "labels");
        checkHeaderLength(name, bytes, LABEL_HEADER_BYTES);
        int count = bytes.getInt(4);
        if (count < 0) {
            throw new DataSetException(name + " has an impossible header: " + count + " labels.");
        }
        checkLength(name, bytes.capacity(), LABEL_HEADER_BYTES + (long) count, count + " labels");
        byte[] labels = new byte[count];
        bytes.get(LABEL_HEADER_BYTES, labels);
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new DataSetException(name + " has label " + Byte.toUnsignedInt(labels[i])
                        + " at position " + i + ", outside 0.." + (classes - 1) + ".");
            }
        }
        return labels;
    }

    /** The file's content, gunzipped when it starts with the gzip signature. */
    static byte[] readAll(Path file) throws DataSetException {
        String name = file.getFileName().toString();
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataSetException("Data file " + file + " is missing.", e);
        } catch (IOException e) {
            throw new DataSetException("Data file " + file + " cannot be read (" + e.getMessage() + ").", e);
        }
        boolean gzipSignature = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
        if (!gzipSignature) {
            if (name.endsWith(".gz")) {
                throw new DataSetException(name + " is not a gzip file although its name ends in .gz.");
            }
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 5);
            in.transferTo(out);
            return out.toByteArray();
        } catch (EOFException e) {
            throw new DataSetException(name + " is truncated: its gzip stream ends early.", e);
        } catch (ZipException e) {
            throw new DataSetException(name + " is a corrupt gzip file (" + e.getMessage() + ").", e);
        } catch (IOException e) {
            throw new DataSetException(name + " cannot be decompressed (" + e.getMessage() + ").", e);
        }
    }

    private static void checkHeaderLength(String name, ByteBuffer bytes, int headerBytes)
            throws DataSetException {
        if (bytes.capacity() < headerBytes) {
            throw new DataSetException(name + " is too short to hold an IDX header (" + bytes.capacity()
                    + " bytes).");
        }
    }

    private static void checkMagic(String name, int magic, int expected, String kind)
            throws DataSetException {
        if (magic != expected) {
            throw new DataSetException(String.format(
                    "%s has the wrong magic number 0x%08x for an IDX %s file (expected 0x%08x).",
                    name, magic, kind, expected));
        }
    }

    private static void checkLength(String name, long actual, long expected, String what)
            throws DataSetException {
        if (actual != expected) {
            throw new DataSetException(name + " does not match its header: the header announces " + what
                    + " (" + expected + " bytes) but the file holds " + actual + " bytes.");
        }
    }
}
