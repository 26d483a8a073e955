package lab.centerloss.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import lab.centerloss.export.StepRecordJson;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.Verification;
import lab.centerloss.train.Verification.PairScore;

/**
 * Verification on the final test features of a run trained on some digits: pairs of the digits it
 * never saw ("unseen") and, as a second line, of the digits it knows ("known"), each scored by
 * cosine and by distance ({@link Verification}); the metrics' {@code verification} object and the
 * {@code --pairs-out} CSV that every figure can be recomputed from.
 */
final class VerificationReport {
  private VerificationReport() {}

  /** The digits a run never saw, as a bit mask. */
  static int unseenDigits(Hyperparameters hp) {
    return Hyperparameters.ALL_DIGITS & ~hp.knownDigits();
  }

  /** The pairs of the final test set: of the digits the run never saw, and of those it knows. */
  record PairSets(Verification.Pairs unseen, Verification.Pairs known) {
    static PairSets of(ProbeResult test, Hyperparameters hp) {
      return new PairSets(pairsOf(test, unseenDigits(hp)), pairsOf(test, hp.knownDigits()));
    }

    private static Verification.Pairs pairsOf(ProbeResult test, int digits) {
      return Verification.pairs(
          test.labels(),
          digits,
          Verification.PAIR_SEED,
          Verification.GENUINE_PAIRS,
          Verification.IMPOSTOR_PAIRS);
    }
  }

  /** {@code {"unseen": {...}, "known": {...}}}; a set without pairs is left out. */
  static ObjectNode json(ProbeResult test, PairSets pairs, ObjectMapper mapper) {
    ObjectNode node = mapper.createObjectNode();
    if (!pairs.unseen().isEmpty()) {
      node.set("unseen", figures(test, pairs.unseen(), mapper));
    }
    if (!pairs.known().isEmpty()) {
      node.set("known", figures(test, pairs.known(), mapper));
    }
    return node;
  }

  private static ObjectNode figures(
      ProbeResult test, Verification.Pairs pairs, ObjectMapper mapper) {
    ObjectNode node = mapper.createObjectNode();
    node.put("genuine_pairs", pairs.genuine());
    node.put("impostor_pairs", pairs.impostor());
    for (PairScore score : PairScore.values()) {
      Verification.Figures f =
          Verification.figures(
              Verification.scores(test.comparedFeatures(), pairs, score),
              pairs.same(),
              pairs.fold());
      ObjectNode one = node.putObject(score.id());
      StepRecordJson.putNumber(one, "auc", f.auc());
      StepRecordJson.putNumber(one, "eer", f.eer());
      ObjectNode tar = one.putObject("tar_at_far");
      ObjectNode allowed = one.putObject("impostors_accepted_at_far");
      for (int i = 0; i < Verification.FARS.length; i++) {
        String far = farKey(Verification.FARS[i]);
        StepRecordJson.putNumber(tar, far, f.tarAtFar()[i]);
        allowed.put(far, f.impostorsAtFar()[i]);
      }
      StepRecordJson.putNumber(one, "fold_accuracy", f.foldAccuracy());
      StepRecordJson.putNumber(one, "fold_accuracy_std", f.foldSpread());
    }
    return node;
  }

  /** 0.1, 0.01, 0.001 as the keys are written. */
  static String farKey(double far) {
    return BigDecimal.valueOf(far).stripTrailingZeros().toPlainString();
  }

  /**
   * Every pair the figures come from: {@code i,j,same,cosine,distance,set,fold}, i and j the rows
   * of {@code --features-out} (counted from 0), same 1 or 0, distance the Euclidean distance
   * itself, set unseen or known, fold 0-9 in the balanced subset or -1.
   */
  static String pairsCsv(ProbeResult test, PairSets pairs) {
    StringBuilder csv = new StringBuilder("i,j,same,cosine,distance,set,fold\n");
    append(csv, test, pairs.unseen(), "unseen");
    append(csv, test, pairs.known(), "known");
    return csv.toString();
  }

  private static void append(
      StringBuilder csv, ProbeResult test, Verification.Pairs pairs, String set) {
    if (pairs.isEmpty()) {
      return;
    }
    double[] cosine = Verification.scores(test.comparedFeatures(), pairs, PairScore.COSINE);
    double[] distance = Verification.scores(test.comparedFeatures(), pairs, PairScore.DISTANCE);
    for (int k = 0; k < pairs.size(); k++) {
      csv.append(pairs.first()[k])
          .append(',')
          .append(pairs.second()[k])
          .append(',')
          .append(pairs.same()[k] ? 1 : 0)
          .append(',')
          .append(cosine[k]) // Double.toString: exact, locale-free
          .append(',')
          .append(-distance[k])
          .append(',')
          .append(set)
          .append(',')
          .append(pairs.fold()[k])
          .append('\n');
    }
  }
}
