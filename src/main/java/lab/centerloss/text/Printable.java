package lab.centerloss.text;

import java.util.Locale;

/**
 * Text from a file made printable for a terminal (issue 25): control characters (ESC, BEL, NUL, the
 * C1 controls that start terminal commands) and the invisible direction overrides are shown as
 * escapes such as {@code \x1b} or {@code \u202e}, so that a lesson's text, a field name or a run
 * file's version cannot move the cursor, retitle the window or hide what follows. Line breaks and
 * tabs are kept where a text may hold them ({@link #text}) and escaped in a one-line value ({@link
 * #of}).
 */
public final class Printable {
  private Printable() {}

  /**
   * A one-line value (a name, a version, a path): every control character escaped, line breaks too.
   */
  public static String of(String value) {
    return escape(value, false);
  }

  /** A text of several lines: line breaks and tabs kept, every other control character escaped. */
  public static String text(String value) {
    return escape(value, true);
  }

  private static String escape(String value, boolean keepLines) {
    if (value == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean kept = !needsEscape(c) || keepLines && (c == '\n' || c == '\t');
      if (kept) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(value.length() + 8).append(value, 0, i);
      }
      out.append(
          c <= 0xff
              ? String.format(Locale.ROOT, "\\x%02x", (int) c)
              : String.format(Locale.ROOT, "\\u%04x", (int) c));
    }
    return out == null ? value : out.toString();
  }

  private static boolean needsEscape(char c) {
    return c < 0x20
        || c == 0x7f
        || (c >= 0x80 && c <= 0x9f)
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e
        || c == 0x200f;
  }
}
