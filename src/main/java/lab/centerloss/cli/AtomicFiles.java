package lab.centerloss.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.centerloss.export.AtomicFile;

/**
 * Output files appear whole or not at all: they are written next to their target under a temporary
 * name and moved into place when complete.
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * A temporary file beside {@code target}; fails with a user-facing message if it cannot be made.
   */
  static Path temporaryFor(Path target) {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw UserError.of("cli.write.noFolder", target, folder);
    }
    if (Files.isDirectory(absolute)) {
      throw UserError.of("cli.write.folderInTheWay", target);
    }
    try {
      return AtomicFile.temporaryBeside(absolute);
    } catch (AccessDeniedException e) {
      throw UserError.of("cli.write.notWritable", target, folder);
    } catch (IOException e) {
      throw UserError.of("cli.write.failed", target, e.getMessage());
    }
  }

  static void commit(Path temporary, Path target) {
    try {
      AtomicFile.commit(temporary, target);
    } catch (IOException e) {
      discard(temporary);
      throw UserError.of("cli.write.failed", target, e.getMessage());
    }
  }

  static void discard(Path temporary) {
    try {
      Files.deleteIfExists(temporary);
      AtomicFile.discarded(temporary);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeString(Path target, String content) {
    discard(temporaryFor(target)); // the folder's problems, named before anything is written
    try {
      AtomicFile.writeString(target, content);
    } catch (IOException e) {
      throw UserError.of("cli.write.failed", target, e.getMessage());
    }
  }
}
