package lab.centerloss.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Files that appear whole or not at all: the content is written under a hidden temporary name
 * beside the target and moved onto it in one step when complete. A failure, a full disk or a
 * cancel leaves no temporary file and an earlier target untouched. Every file the app writes goes
 * through here.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Writes the content into a stream that becomes {@code target} once it returns normally. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Content content) throws IOException {
        Path temporary = temporaryBeside(target);
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            commit(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * A fresh, hidden file beside its target, created with the user's ordinary permissions
     * (unlike {@link Files#createTempFile}, which makes it private). For writers that must hold
     * the file open across calls (a GIF, a recording); they end with {@link #commit} or delete it.
     */
    public static Path temporaryBeside(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".part");
        return Files.createFile(temporary);
    }

    /** Moves a complete temporary file onto its target in one step. */
    public static void commit(Path temporary, Path target) throws IOException {
        Files.move(temporary, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
