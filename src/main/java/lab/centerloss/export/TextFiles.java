package lab.centerloss.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Text files that appear whole or not at all. */
public final class TextFiles {
    private TextFiles() {
    }

    public static void write(Path target, String content) throws IOException {
        Path temporary = TemporaryFiles.besides(target);
        try {
            Files.writeString(temporary, content);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** One sentence for a failed export, naming the file and the reason. */
    public static String describeFailure(Path target, IOException e) {
        String reason = e instanceof java.nio.file.AccessDeniedException ? "the folder is not writable"
                : e instanceof java.nio.file.NoSuchFileException ? "the folder does not exist"
                : e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getMessage();
        return "Could not write " + target + ": " + reason + ". Nothing was written.";
    }
}
