package lab.centerloss.plot;

import java.io.IOException;
import java.io.InputStream;
import javafx.scene.text.Font;
import lab.centerloss.text.Messages;

/**
 * The font family every picture and the window use: the platform's for English, the bundled subset
 * of Noto Sans CJK SC (SIL Open Font License 1.1, {@code fonts/OFL.txt}) for Chinese, so that
 * Chinese shows on a machine with no Chinese font installed, in the window and in every export.
 */
public final class Fonts {
  /** The family name inside the bundled file. */
  public static final String BUNDLED_FAMILY = "Noto Sans CJK SC";

  static final String BUNDLED_FILE = "/lab/centerloss/fonts/NotoSansSC-Subset.otf";
  private static volatile boolean loaded;

  private Fonts() {}

  /** Registers the bundled font with JavaFX, once; call with the toolkit running. */
  public static synchronized void load() {
    if (loaded) {
      return;
    }
    try (InputStream in = Fonts.class.getResourceAsStream(BUNDLED_FILE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the bundled font " + BUNDLED_FILE + " is missing from the build");
      }
      Font font = Font.loadFont(in, 12);
      if (font == null) {
        throw new IllegalStateException("JavaFX cannot read the bundled font " + BUNDLED_FILE);
      }
      loaded = true;
    } catch (IOException e) {
      throw new IllegalStateException("the bundled font " + BUNDLED_FILE + " cannot be read", e);
    }
  }

  /** The family for text in the language in use. */
  public static String family() {
    if (Messages.language().needsBundledFont()) {
      load();
      return BUNDLED_FAMILY;
    }
    return "System";
  }
}
