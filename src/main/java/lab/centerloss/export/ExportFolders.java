package lab.centerloss.export;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Checks, before any work starts, that frames can be written into a folder. */
public final class ExportFolders {
    private ExportFolders() {
    }

    /** A sentence saying why frames cannot go into {@code folder}, or empty when they can. */
    public static Optional<String> problem(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            return Optional.of("Cannot write frames into " + folder + ": it is a file, not a folder.");
        }
        if (!Files.isDirectory(folder)) {
            return Optional.of("Cannot write frames into " + folder + ": the folder does not exist.");
        }
        try {
            Files.delete(TemporaryFiles.besides(folder.resolve("write-check")));
            return Optional.empty();
        } catch (AccessDeniedException e) {
            return Optional.of("Cannot write frames into " + folder + ": the folder is not writable.");
        } catch (IOException e) {
            return Optional.of("Cannot write frames into " + folder + " (" + e.getMessage() + ").");
        }
    }
}
