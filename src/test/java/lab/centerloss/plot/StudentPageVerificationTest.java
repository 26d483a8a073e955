package lab.centerloss.plot;

import static org.assertj.core.api.Assertions.assertThat;

import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.Vec2List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The web page's verification lines: the window's figures for a probe with unseen digits, none
 * without.
 */
class StudentPageVerificationTest {

  private static ProbeResult probe(int known) {
    float[] xy = new float[80];
    int[] labels = new int[40];
    for (int i = 0; i < 40; i++) {
      labels[i] = i % 10;
      xy[2 * i] = (float) ((1 + i / 10) * Math.cos(Math.toRadians(36 * (i % 10))));
      xy[2 * i + 1] = (float) ((1 + i / 10) * Math.sin(Math.toRadians(36 * (i % 10))));
    }
    return new ProbeResult(
        9, Vec2List.copyOf(xy), IntVector.copyOf(labels), IntVector.copyOf(labels), known);
  }

  @Test
  @DisplayName(
      "an open-set probe: the score, the pairs counted, and the unseen and known digits' figures by cosine")
  void openSet() {
    assertThat(StudentPage.verificationLines(probe(Hyperparameters.OPEN_SET_DIGITS)))
        .containsExactly(
            "Verification, the score of a pair: cosine (higher: the same)",
            "Pairs of the digits never trained on (0, 1, 6, 7), in the probe of step 9: 24 genuine (the same digit),"
                + " 96 impostor (two digits).",
            "Unseen digits: AUC 1.000 · EER 0.0% · TAR at FAR 10% 100.0%, 1% 100.0%, 0.1% 100.0%"
                + " (0.1% is 0 impostor pairs) · 10-fold accuracy 100.0%",
            "Known digits: AUC 1.000 · EER 0.0% · TAR at FAR 10% 100.0%, 1% 100.0%, 0.1% 100.0%"
                + " (0.1% is 0 impostor pairs) · 10-fold accuracy 100.0%");
    assertThat(StudentPage.verificationLines(probe(Hyperparameters.ALL_DIGITS)))
        .as("the closed set")
        .isEmpty();
  }
}
