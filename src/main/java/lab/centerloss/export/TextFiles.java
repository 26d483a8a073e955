package lab.centerloss.export;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import lab.centerloss.text.Message;

/** Text files that appear whole or not at all. */
public final class TextFiles {
  private TextFiles() {}

  public static void write(Path target, String content) throws IOException {
    AtomicFile.writeString(target, content);
  }

  /** One sentence for a failed export, naming the file and the reason. */
  public static Message describeFailure(Path target, IOException e) {
    Object reason =
        e instanceof AccessDeniedException
            ? Message.of("files.notWritable")
            : e instanceof NoSuchFileException
                ? Message.of("files.noFolder")
                : e instanceof FileSystemException fs && fs.getReason() != null
                    ? fs.getReason()
                    : String.valueOf(e.getMessage());
    return Message.of("files.failed", target.toString(), reason);
  }
}
