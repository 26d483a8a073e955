package lab.centerloss.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A fresh, hidden file beside its target, created with the user's ordinary permissions (unlike
 * {@link Files#createTempFile}, which makes it private), to be moved onto the target when whole.
 */
public final class TemporaryFiles {
    private TemporaryFiles() {
    }

    public static Path besides(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".part");
        return Files.createFile(temporary);
    }
}
