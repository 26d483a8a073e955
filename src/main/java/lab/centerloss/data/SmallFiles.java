package lab.centerloss.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a small untrusted file (a lesson, a setup, the settings) whole, within a size limit that
 * holds whatever the file system says (issue 25): a device such as {@code /dev/zero} reports size 0
 * and never ends, a pipe never ends either, so only a regular file is read, and never more than the
 * limit plus one byte.
 */
public final class SmallFiles {
  private SmallFiles() {}

  /** Why a file was not read. */
  public static final class Refused extends IOException {
    private final boolean tooLarge;

    Refused(boolean tooLarge, String message) {
      super(message);
      this.tooLarge = tooLarge;
    }

    /** Larger than the limit; otherwise not a regular file. */
    public boolean tooLarge() {
      return tooLarge;
    }
  }

  /**
   * The file's bytes.
   *
   * @throws Refused when it is not a regular file (after following links) or holds more than {@code
   *     maxBytes}
   * @throws java.nio.file.NoSuchFileException when it does not exist
   */
  public static byte[] read(Path file, long maxBytes) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString());
    }
    if (!Files.isRegularFile(file)) {
      throw new Refused(false, file + " is not a regular file");
    }
    if (Files.size(file) > maxBytes) {
      throw new Refused(true, file + " is larger than " + maxBytes + " bytes");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new Refused(true, file + " is larger than " + maxBytes + " bytes");
      }
      return bytes;
    }
  }
}
