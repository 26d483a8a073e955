package lab.centerloss.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** PNG files that appear whole or not at all: written under a temporary name, then moved. */
public final class ImageFiles {
  private ImageFiles() {}

  public static void writePng(BufferedImage image, Path target) throws IOException {
    AtomicFile.write(
        target,
        out -> {
          if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
          }
        });
  }

  /** The name of frame {@code index} (from 1): frame-00001.png. */
  public static String frameName(int index) {
    return frameName(index, "png");
  }

  /** The name of frame {@code index} (from 1) as another kind of file: frame-00001.svg. */
  public static String frameName(int index, String extension) {
    return String.format(Locale.ROOT, "frame-%05d.%s", index, extension);
  }
}
