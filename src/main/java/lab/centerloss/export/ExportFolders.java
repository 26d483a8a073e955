package lab.centerloss.export;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import lab.centerloss.text.Message;

/** Checks, before any work starts, that frames can be written into a folder. */
public final class ExportFolders {
  private ExportFolders() {}

  /** What to say of why why frames cannot go into {@code folder}, or empty when they can. */
  public static Optional<Message> problem(Path folder) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      return Optional.of(Message.of("folder.isFile", folder.toString()));
    }
    if (!Files.isDirectory(folder)) {
      return Optional.of(Message.of("folder.missing", folder.toString()));
    }
    try {
      Files.delete(AtomicFile.temporaryBeside(folder.resolve("write-check")));
      return Optional.empty();
    } catch (AccessDeniedException e) {
      return Optional.of(Message.of("folder.notWritable", folder.toString()));
    } catch (IOException e) {
      return Optional.of(
          Message.of("folder.other", folder.toString(), String.valueOf(e.getMessage())));
    }
  }
}
