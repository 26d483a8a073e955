package lab.centerloss.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrintableAndIdsTest {
  enum Sample {
    LITE,
    CENTER_DISTANCE
  }

  @Test
  @DisplayName("ids are the same under a Turkish default locale, and parse back")
  void turkish() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertThat("LITE".toLowerCase()).isEqualTo("l\u0131te"); // the bug this guards against
      assertThat(Ids.of(Sample.LITE)).isEqualTo("lite");
      assertThat(Ids.of(Sample.CENTER_DISTANCE)).isEqualTo("center_distance");
      assertThat(Ids.parse(Sample.class, "center_distance")).contains(Sample.CENTER_DISTANCE);
      assertThat(Ids.parse(Sample.class, "LITE")).contains(Sample.LITE);
      assertThat(Ids.parse(Sample.class, "l\u0131te")).isEmpty();
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  @DisplayName("control characters are escaped; a text keeps its line breaks, a value does not")
  void escapes() {
    assertThat(Printable.of("a\u001b]0;x\u0007b\u0000\u009b\u202e"))
        .isEqualTo("a\\x1b]0;x\\x07b\\x00\\x9b\\u202e");
    assertThat(Printable.of("one\ntwo")).isEqualTo("one\\x0atwo");
    assertThat(Printable.text("one\ntwo\tthree\r")).isEqualTo("one\ntwo\tthree\\x0d");
    assertThat(Printable.of("中心损失 λ")).isEqualTo("中心损失 λ");
  }
}
