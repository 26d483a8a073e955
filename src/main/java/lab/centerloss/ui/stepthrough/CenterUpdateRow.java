package lab.centerloss.ui.stepthrough;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.centerloss.text.Messages;
import lab.centerloss.train.CenterRule;
import lab.centerloss.train.StepSnapshot;

/**
 * One class's center update in one step (Wen et al., ECCV 2016, eq. 4 and Algorithm 1): n_j samples
 * of class j in the batch; delta_c_j = sum(c_j - x_i) / (1 + n_j), as libtorch computed it in that
 * step; the paper's new center c_j - alpha delta_c_j. Under the {@code sgd} rule the center moved
 * by alpha sum(c_j - x_i) / m instead, which is the paper's rule with an effective alpha of alpha
 * (1 + n_j) / m. The mean and the sum are taken here from the step's features, to show the
 * arithmetic; the delta and the new center are the trainer's own.
 *
 * @param digit the class's digit (row j of a step is class j; in the open-set split its digit is
 *     the j-th known one)
 * @param meanX mean of the class's batch features (NaN when n_j = 0)
 * @param sumX sum over the class's samples of (c_j - x_i)
 * @param deltaX delta_c_j as the trainer computed it
 * @param paperNewX c_j - alpha delta_c_j
 * @param appliedNewX the center after the step, as the rule in force moved it
 * @param effectiveAlpha the alpha the paper's rule would need to make the step that was made
 */
public record CenterUpdateRow(
    int digit,
    int count,
    double oldX,
    double oldY,
    double meanX,
    double meanY,
    double sumX,
    double sumY,
    double deltaX,
    double deltaY,
    double alpha,
    double paperNewX,
    double paperNewY,
    double appliedNewX,
    double appliedNewY,
    CenterRule rule,
    int batchSize,
    double effectiveAlpha) {

  public static List<CenterUpdateRow> of(StepSnapshot s) {
    int classes = s.classes();
    int[] counts = s.batch().classCounts().toArray();
    int[] digits = s.hyperparameters().classDigits();
    int[] classOf = StepOverlay.classOfDigit(s);
    double[] featureSums = new double[classes * 2];
    for (int i = 0; i < s.batch().size(); i++) {
      int j = classOf[s.batch().labels().get(i)];
      featureSums[2 * j] += s.batch().features().x(i);
      featureSums[2 * j + 1] += s.batch().features().y(i);
    }
    double alpha = s.hyperparameters().alpha();
    int m = s.batch().size();
    CenterRule rule = s.hyperparameters().centerRule();
    List<CenterUpdateRow> rows = new ArrayList<>();
    for (int j = 0; j < classes; j++) {
      double cx = s.centers().before().x(j);
      double cy = s.centers().before().y(j);
      double deltaX = s.centers().paperDeltas().x(j);
      double deltaY = s.centers().paperDeltas().y(j);
      double effective = rule == CenterRule.PAPER ? alpha : alpha * (1 + counts[j]) / m;
      rows.add(
          new CenterUpdateRow(
              digits[j],
              counts[j],
              cx,
              cy,
              counts[j] == 0 ? Double.NaN : featureSums[2 * j] / counts[j],
              counts[j] == 0 ? Double.NaN : featureSums[2 * j + 1] / counts[j],
              counts[j] * cx - featureSums[2 * j],
              counts[j] * cy - featureSums[2 * j + 1],
              deltaX,
              deltaY,
              alpha,
              cx - alpha * deltaX,
              cy - alpha * deltaY,
              s.centers().after().x(j),
              s.centers().after().y(j),
              rule,
              m,
              effective));
    }
    return rows;
  }

  /** The arithmetic, with this step's numbers in place of the symbols, for the class to check. */
  public List<String> explanation() {
    List<String> lines = new ArrayList<>();
    if (count == 0) {
      lines.add(Messages.text("update.absent", digit));
      lines.add(Messages.text("update.absentDelta", digit));
      lines.add(Messages.text("update.absentWhy"));
      lines.add(Messages.text("update.absentStays", digit, pair(oldX, oldY)));
      return lines;
    }
    lines.add(Messages.text("update.count", digit, count, batchSize));
    lines.add(Messages.text("update.oldAndMean", pair(oldX, oldY), pair(meanX, meanY)));
    lines.add(Messages.text("update.sum", pair(sumX, sumY)));
    lines.add(Messages.text("update.delta", pair(sumX, sumY), 1 + count, pair(deltaX, deltaY)));
    lines.add(
        Messages.text(
            "update.paperNew",
            pair(oldX, oldY),
            number(alpha),
            pair(deltaX, deltaY),
            pair(paperNewX, paperNewY)));
    if (rule == CenterRule.SGD) {
      lines.add(
          Messages.text(
              "update.sgdNew",
              pair(oldX, oldY),
              number(alpha),
              pair(sumX, sumY),
              batchSize,
              pair(appliedNewX, appliedNewY)));
      lines.add(
          Messages.text(
              "update.effectiveAlpha",
              number(alpha),
              1 + count,
              batchSize,
              number(effectiveAlpha)));
    }
    return lines;
  }

  public static String pair(double x, double y) {
    return "(" + number(x) + ", " + number(y) + ")";
  }

  /** Four significant digits: enough to check the arithmetic on a projector. */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (v == 0) {
      return "0";
    }
    double magnitude = Math.abs(v);
    if (magnitude >= 1e4 || magnitude < 1e-3) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(magnitude)));
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
