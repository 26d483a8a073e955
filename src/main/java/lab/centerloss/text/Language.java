package lab.centerloss.text;

import java.util.Locale;

/** The languages the app speaks: a message bundle each. */
public enum Language {
  ENGLISH("en", Locale.ENGLISH, false),
  /** Simplified Chinese: drawn with the bundled font, so that it shows on machines without one. */
  SIMPLIFIED_CHINESE("zh-CN", Locale.SIMPLIFIED_CHINESE, true);

  private final String tag;
  private final Locale locale;
  private final boolean needsBundledFont;

  Language(String tag, Locale locale, boolean needsBundledFont) {
    this.tag = tag;
    this.locale = locale;
    this.needsBundledFont = needsBundledFont;
  }

  /** The language tag of {@code --lang} and the settings file: en, zh-CN. */
  public String tag() {
    return tag;
  }

  public Locale locale() {
    return locale;
  }

  /** Whether the window and the images must use the bundled CJK font for this language's text. */
  public boolean needsBundledFont() {
    return needsBundledFont;
  }

  /** The language of a tag (en, zh-CN; case and _ or - do not matter). */
  public static Language byTag(String tag) {
    String normalized = tag == null ? "" : tag.trim().replace('_', '-');
    for (Language language : values()) {
      if (language.tag.equalsIgnoreCase(normalized)) {
        return language;
      }
    }
    throw new IllegalArgumentException("--lang takes en or zh-CN (got " + tag + ").");
  }

  /** The language for a system locale: Chinese for any Chinese locale, else English. */
  public static Language forLocale(Locale locale) {
    return "zh".equals(locale.getLanguage()) ? SIMPLIFIED_CHINESE : ENGLISH;
  }

  /** Its own name, in itself: how a language menu lists it. */
  public String nativeName() {
    return this == ENGLISH ? "English" : "简体中文";
  }
}
