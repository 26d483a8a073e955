package lab.centerloss.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** PNG files that appear whole or not at all: written under a temporary name, then moved. */
public final class ImageFiles {
    private ImageFiles() {
    }

    public static void writePng(BufferedImage image, Path target) throws IOException {
        Path temporary = TemporaryFiles.besides(target);
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer in this Java runtime");
                }
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The name of frame {@code index} (from 1): frame-00001.png. */
    public static String frameName(int index) {
        return String.format("frame-%05d.png", index);
    }
}
