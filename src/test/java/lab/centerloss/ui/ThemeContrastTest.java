package lab.centerloss.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.paint.Color;
import lab.centerloss.plot.PlaneStyle;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Both themes' text is readable on a projector: WCAG 2 contrast of at least 4.5:1 for every text
 * color against every background it is drawn on, measured from the looked-up colors of lab.css and
 * from the plane's colors.
 */
class ThemeContrastTest {
  private static final double TEXT = 4.5;
  private static final List<String> TEXTS =
      List.of(
          "lab-text",
          "lab-muted",
          "lab-value",
          "lab-notice",
          "lab-warning",
          "lab-question",
          "lab-recording");
  private static final List<String> BACKGROUNDS =
      List.of("lab-bg", "lab-panel", "lab-bar", "lab-lesson");

  /** WCAG 2.1 relative luminance. */
  static double luminance(Color c) {
    return 0.2126 * linear(c.getRed())
        + 0.7152 * linear(c.getGreen())
        + 0.0722 * linear(c.getBlue());
  }

  private static double linear(double channel) {
    return channel <= 0.04045 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
  }

  static double contrast(Color a, Color b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  /** A translucent color laid over an opaque one. */
  private static Color over(Color top, Color below) {
    double a = top.getOpacity();
    return Color.color(
        top.getRed() * a + below.getRed() * (1 - a),
        top.getGreen() * a + below.getGreen() * (1 - a),
        top.getBlue() * a + below.getBlue() * (1 - a));
  }

  /** The looked-up colors a CSS rule block defines ("lab-text: #e3e3e3;"). */
  private static Map<String, Color> block(String css, String selector) {
    int start = css.indexOf(selector + " {");
    assertThat(start).as(selector).isNotNegative();
    String body = css.substring(start, css.indexOf('}', start));
    Map<String, Color> colors = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(lab-[a-z0-9-]+):\\s*([^;]+);").matcher(body);
    while (m.find()) {
      colors.put(m.group(1), Color.web(m.group(2).trim()));
    }
    return colors;
  }

  private static Map<Boolean, Map<String, Color>> themes() throws IOException {
    String css;
    try (InputStream in =
        ThemeContrastTest.class.getResourceAsStream("/lab/centerloss/ui/lab.css")) {
      css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, Color> dark = block(css, ".lab-root");
    Map<String, Color> light =
        new LinkedHashMap<>(dark); // what the light block leaves out it inherits
    light.putAll(block(css, ".lab-root.theme-light"));
    return Map.of(true, dark, false, light);
  }

  @Test
  @DisplayName(
      "every text color on every panel background, the charts, and the overlays: 4.5:1 or more in both themes")
  void windowText() throws IOException {
    List<String> failures = new ArrayList<>();
    themes()
        .forEach(
            (dark, colors) -> {
              String theme = dark ? "dark" : "projector";
              for (String text : TEXTS) {
                for (String background : BACKGROUNDS) {
                  check(
                      failures, theme, text, colors.get(text), background, colors.get(background));
                }
              }
              check(
                  failures,
                  theme,
                  "lab-chart-text",
                  colors.get("lab-chart-text"),
                  "lab-chart-bg",
                  colors.get("lab-chart-bg"));
              check(
                  failures,
                  theme,
                  "lab-chart-text",
                  colors.get("lab-chart-text"),
                  "lab-bg",
                  colors.get("lab-bg"));
              Color plane = PlaneStyle.normal().withDark(dark).background();
              check(
                  failures,
                  theme,
                  "lab-overlay-text",
                  colors.get("lab-overlay-text"),
                  "lab-overlay over the plane",
                  over(colors.get("lab-overlay"), plane));
            });
    assertThat(failures).isEmpty();
  }

  @Test
  @DisplayName("the plane's labels and tick labels: 4.5:1 or more on its background in both themes")
  void planeText() {
    for (boolean dark : List.of(true, false)) {
      PlaneStyle style = PlaneStyle.presentation().withDark(dark);
      assertThat(contrast(style.foreground(), style.background())).isGreaterThanOrEqualTo(TEXT);
      assertThat(contrast(style.tickLabel(), style.background())).isGreaterThanOrEqualTo(TEXT);
      // the unknown digits' grey markers are graphics, for which WCAG asks 3:1
      assertThat(contrast(style.unknown(), style.background())).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  @DisplayName("the contrast formula gives the WCAG reference values")
  void formula() {
    assertThat(contrast(Color.BLACK, Color.WHITE)).isCloseTo(21, Assertions.within(1e-9));
    assertThat(contrast(Color.web("#777777"), Color.WHITE))
        .isCloseTo(4.48, Assertions.within(0.01));
  }

  private static void check(
      List<String> failures,
      String theme,
      String textName,
      Color text,
      String backgroundName,
      Color background) {
    assertThat(text).as(theme + " " + textName).isNotNull();
    assertThat(background).as(theme + " " + backgroundName).isNotNull();
    double ratio = contrast(text, background);
    if (ratio < TEXT) {
      failures.add(String.format("%s: %s on %s is %.2f:1", theme, textName, backgroundName, ratio));
    }
  }
}
