package lab.centerloss.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WindowThreadsTest {
  @Test
  @DisplayName(
      "the window leaves a core to drawing: libtorch gets one thread per processor but one, at least one; an asked number stays")
  void oneCoreLeftToTheWindow() {
    int processors = Runtime.getRuntime().availableProcessors();
    assertThat(LabApplication.windowThreads(0)).isEqualTo(Math.max(1, processors - 1));
    assertThat(LabApplication.windowThreads(3)).isEqualTo(3);
  }
}
