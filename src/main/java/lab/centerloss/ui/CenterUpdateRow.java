package lab.centerloss.ui;

import java.util.ArrayList;
import java.util.List;
import lab.centerloss.train.CenterRule;
import lab.centerloss.train.StepSnapshot;

/**
 * One class's center update in one step, every number taken from that step's snapshot (Wen et
 * al. 2016, Algorithm 1): n_j samples of class j in the batch; delta_c_j = sum(c_j - x_i) /
 * (1 + n_j); the paper's new center c_j - alpha delta_c_j. Under the {@code sgd} rule the center
 * moved by alpha sum(c_j - x_i) / m instead, which is the paper's rule with an effective alpha of
 * alpha (1 + n_j) / m.
 *
 * @param meanX        mean of the class's batch features (NaN when n_j = 0)
 * @param sumX         sum over the class's samples of (c_j - x_i)
 * @param paperNewX    c_j - alpha delta_c_j
 * @param appliedNewX  the center after the step, as the rule in force moved it
 * @param effectiveAlpha the alpha the paper's rule would need to make the step that was made
 */
public record CenterUpdateRow(
        int digit,
        int count,
        double oldX, double oldY,
        double meanX, double meanY,
        double sumX, double sumY,
        double deltaX, double deltaY,
        double alpha,
        double paperNewX, double paperNewY,
        double appliedNewX, double appliedNewY,
        CenterRule rule,
        int batchSize,
        double effectiveAlpha) {

    public static List<CenterUpdateRow> of(StepSnapshot s) {
        int classes = s.centersBefore().size();
        int[] counts = new int[classes];
        double[] sums = new double[classes * 2];
        double[] featureSums = new double[classes * 2];
        for (int i = 0; i < s.batchLabels().size(); i++) {
            int j = s.batchLabels().get(i);
            counts[j]++;
            featureSums[2 * j] += s.batchFeatures().x(i);
            featureSums[2 * j + 1] += s.batchFeatures().y(i);
        }
        double alpha = s.hyperparameters().alpha();
        int m = s.batchLabels().size();
        List<CenterUpdateRow> rows = new ArrayList<>();
        for (int j = 0; j < classes; j++) {
            double cx = s.centersBefore().x(j);
            double cy = s.centersBefore().y(j);
            double sumX = counts[j] * cx - featureSums[2 * j];
            double sumY = counts[j] * cy - featureSums[2 * j + 1];
            double deltaX = sumX / (1 + counts[j]);
            double deltaY = sumY / (1 + counts[j]);
            CenterRule rule = s.hyperparameters().centerRule();
            double effective = rule == CenterRule.PAPER ? alpha : alpha * (1 + counts[j]) / m;
            rows.add(new CenterUpdateRow(j, counts[j], cx, cy,
                    counts[j] == 0 ? Double.NaN : featureSums[2 * j] / counts[j],
                    counts[j] == 0 ? Double.NaN : featureSums[2 * j + 1] / counts[j],
                    sumX, sumY, deltaX, deltaY, alpha, cx - alpha * deltaX, cy - alpha * deltaY,
                    s.centersAfter().x(j), s.centersAfter().y(j), rule, m, effective));
        }
        return rows;
    }

    /** How far the center moved in this step. */
    public double movedX() {
        return appliedNewX - oldX;
    }

    public double movedY() {
        return appliedNewY - oldY;
    }

    /** The arithmetic, with this step's numbers in place of the symbols, for the class to check. */
    public List<String> explanation() {
        List<String> lines = new ArrayList<>();
        if (count == 0) {
            lines.add(String.format("Digit %d: n_%d = 0, no sample of this class in the batch.", digit, digit));
            lines.add(String.format("Δc_%d = Σ(c − x) / (1 + n) = 0 / (1 + 0) = (0, 0)", digit));
            lines.add("The +1 in the denominator keeps an absent class's center still instead of dividing by zero.");
            lines.add(String.format("c_%d stays at %s", digit, pair(oldX, oldY)));
            return lines;
        }
        lines.add(String.format("n_%d = %d samples of digit %d in this batch of %d", digit, count, digit, batchSize));
        lines.add(String.format("old center c = %s, batch mean x̄ = %s", pair(oldX, oldY), pair(meanX, meanY)));
        lines.add(String.format("Σ(c − xᵢ) = n·c − Σxᵢ = %s", pair(sumX, sumY)));
        lines.add(String.format("Δc = Σ(c − xᵢ) / (1 + n) = %s / %d = %s", pair(sumX, sumY), 1 + count,
                pair(deltaX, deltaY)));
        lines.add(String.format("new c = c − α·Δc = %s − %.2f × %s = %s", pair(oldX, oldY), alpha, pair(deltaX, deltaY),
                pair(paperNewX, paperNewY)));
        if (rule == CenterRule.SGD) {
            lines.add(String.format("SGD rule in force: c − α·Σ(c − xᵢ)/m = %s − %.2f × %s / %d = %s", pair(oldX, oldY),
                    alpha, pair(sumX, sumY), batchSize, pair(appliedNewX, appliedNewY)));
            lines.add(String.format("that is the paper's rule with effective α = α(1 + n)/m = %.2f × %d / %d = %.4f",
                    alpha, 1 + count, batchSize, effectiveAlpha));
        }
        return lines;
    }

    static String pair(double x, double y) {
        return String.format("(%s, %s)", number(x), number(y));
    }

    /** Four significant digits: enough to check the arithmetic on a projector. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v == 0) {
            return "0";
        }
        double magnitude = Math.abs(v);
        if (magnitude >= 1e4 || magnitude < 1e-3) {
            return String.format("%.3e", v);
        }
        int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(magnitude)));
        return String.format("%." + decimals + "f", v);
    }
}
