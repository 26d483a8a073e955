package lab.centerloss.export;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import lab.centerloss.text.Messages;

/** Text files that appear whole or not at all. */
public final class TextFiles {
  private TextFiles() {}

  public static void write(Path target, String content) throws IOException {
    AtomicFile.writeString(target, content);
  }

  /** One sentence for a failed export, naming the file and the reason. */
  public static String describeFailure(Path target, IOException e) {
    String reason =
        e instanceof AccessDeniedException
            ? Messages.text("files.notWritable")
            : e instanceof NoSuchFileException
                ? Messages.text("files.noFolder")
                : e instanceof FileSystemException fs && fs.getReason() != null
                    ? fs.getReason()
                    : e.getMessage();
    return Messages.text("files.failed", target.toString(), reason);
  }
}
