package lab.centerloss.text;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every word a user sees comes from here: the bundle {@code lab/centerloss/text/messages} of the
 * current language, with numbers and formulas put in by {@link MessageFormat}. A second language is
 * a second properties file, not a change of code.
 */
public final class Messages {
  public static final String BUNDLE = "lab.centerloss.text.messages";

  private static volatile Language language = Language.forLocale(Locale.getDefault());

  private Messages() {}

  /**
   * Speak this language from now on: its bundle, and its number formats (the default locale, which
   * {@link MessageFormat} and the bundle lookup read).
   */
  public static void use(Language next) {
    language = next;
    Locale.setDefault(next.locale());
  }

  /** The language in use: {@code --lang}, the settings, or the system's. */
  public static Language language() {
    return language;
  }

  /** The bundle of the language in use. */
  public static ResourceBundle bundle() {
    return bundleOf(language);
  }

  private static ResourceBundle bundleOf(Language chosen) {
    // no fallback to the system's locale: English asked for is English on a Chinese system too
    return ResourceBundle.getBundle(
        BUNDLE,
        chosen.locale(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The text of {@code key}, with the arguments put in; the key itself if the bundle lacks it. */
  public static String text(String key, Object... arguments) {
    return textIn(language, key, arguments);
  }

  /**
   * The text of {@code key} in {@code chosen}, whatever the language in use. Arguments that are
   * messages are said in the language in use (only files ask for another: {@link
   * Message#forFiles()}, whose arguments are plain values).
   */
  static String textIn(Language chosen, String key, Object... arguments) {
    String pattern;
    try {
      pattern = bundleOf(chosen).getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    return new MessageFormat(pattern, chosen.locale()).format(arguments);
  }

  /**
   * The label of a choice, e.g. {@code label.HeadKind.arcface}: one place for every enum's words.
   */
  public static String label(Enum<?> choice) {
    return Message.label(choice).render();
  }

  /** Whether the bundle has {@code key}. */
  public static boolean has(String key) {
    return bundle().containsKey(key);
  }
}
