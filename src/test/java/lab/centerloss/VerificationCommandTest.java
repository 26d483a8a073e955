package lab.centerloss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --known ... --pairs-out}: the verification figures of the metrics, recomputed from
 * the pairs file alone by a second, plain implementation (ranks for the AUC, a scan of every
 * threshold for TAR and the folds), and the pairs checked against {@code --features-out}.
 */
class VerificationCommandTest {

  /** One pair of the CSV. */
  private record Pair(
      int i, int j, boolean same, double cosine, double distance, String set, int fold) {}

  @Test
  @DisplayName(
      "the metrics' verification figures are what the pairs file gives, and each pair is two rows of the features file")
  void figuresRecomputedFromThePairs(@TempDir Path dir) throws Exception {
    Path metrics = dir.resolve("m.json");
    Path pairsFile = dir.resolve("pairs.csv");
    Path features = dir.resolve("features.csv");
    CommandLineTest.Run run =
        CommandLineTest.run(
            "train",
            "--known",
            "2,3,4,5,8,9",
            "--steps",
            "3",
            "--quiet",
            "--metrics",
            metrics.toString(),
            "--pairs-out",
            pairsFile.toString(),
            "--features-out",
            features.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();

    List<String> featureRows = Files.readAllLines(features);
    List<Pair> pairs = new ArrayList<>();
    List<String> lines = Files.readAllLines(pairsFile);
    assertThat(lines.get(0)).isEqualTo("i,j,same,cosine,distance,set,fold");
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",");
      pairs.add(
          new Pair(
              Integer.parseInt(c[0]),
              Integer.parseInt(c[1]),
              c[2].equals("1"),
              Double.parseDouble(c[3]),
              Double.parseDouble(c[4]),
              c[5],
              Integer.parseInt(c[6])));
    }
    // a pair's images: their labels say whether it is genuine, their features give its scores
    for (Pair p : pairs.subList(0, 200)) {
      String[] a = featureRows.get(p.i() + 1).split(",");
      String[] b = featureRows.get(p.j() + 1).split(",");
      assertThat(a[1].equals(b[1])).isEqualTo(p.same());
      double ax = Double.parseDouble(a[3]);
      double ay = Double.parseDouble(a[4]);
      double bx = Double.parseDouble(b[3]);
      double by = Double.parseDouble(b[4]);
      assertThat(p.distance()).isCloseTo(Math.hypot(ax - bx, ay - by), within(1e-5));
      assertThat(p.cosine())
          .isCloseTo((ax * bx + ay * by) / (Math.hypot(ax, ay) * Math.hypot(bx, by)), within(1e-5));
    }

    JsonNode verification = new ObjectMapper().readTree(metrics.toFile()).get("verification");
    for (String set : List.of("unseen", "known")) {
      List<Pair> ofSet = pairs.stream().filter(p -> p.set().equals(set)).toList();
      JsonNode node = verification.get(set);
      assertThat(node.get("genuine_pairs").asInt())
          .isEqualTo((int) ofSet.stream().filter(Pair::same).count())
          .isEqualTo(10_000);
      assertThat(node.get("impostor_pairs").asInt()).isEqualTo(100_000);
      for (String score : List.of("cosine", "distance")) {
        double[] values =
            ofSet.stream()
                .mapToDouble(p -> score.equals("cosine") ? p.cosine() : -p.distance())
                .toArray();
        boolean[] same = new boolean[values.length];
        int[] fold = new int[values.length];
        for (int k = 0; k < values.length; k++) {
          same[k] = ofSet.get(k).same();
          fold[k] = ofSet.get(k).fold();
        }
        JsonNode figures = node.get(score);
        assertThat(figures.get("auc").asDouble())
            .as(set + " " + score)
            .isCloseTo(rankAuc(values, same), within(1e-9));
        assertThat(figures.get("tar_at_far").get("0.01").asDouble())
            .isEqualTo(tarAt(values, same, 1000));
        assertThat(figures.get("tar_at_far").get("0.001").asDouble())
            .isEqualTo(tarAt(values, same, 100));
        assertThat(figures.get("fold_accuracy").asDouble())
            .isCloseTo(foldAccuracy(values, same, fold), within(1e-12));
      }
    }
  }

  @Test
  @DisplayName(
      "--pairs-out with fewer than two unseen digits: one sentence, exit 2, nothing trained")
  void tooFewUnseenDigits(@TempDir Path dir) {
    CommandLineTest.Run run =
        CommandLineTest.run(
            "train",
            "--known",
            "0,1,2,3,4,5,6,7,8",
            "--steps",
            "3",
            "--pairs-out",
            dir.resolve("p.csv").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(
            "--pairs-out needs pairs of digits the run never sees, so --known must"
                + " leave at least two digits unknown (unknown now: 9).");
    assertThat(run.out()).isEmpty();
  }

  /** The Mann-Whitney AUC from average ranks: (R_genuine - n(n+1)/2) / (n m). */
  private static double rankAuc(double[] values, boolean[] same) {
    Integer[] order = new Integer[values.length];
    Arrays.setAll(order, k -> k);
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] rank = new double[values.length];
    for (int start = 0; start < order.length; ) {
      int end = start;
      while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
        end++;
      }
      double average = (start + end) / 2.0 + 1;
      for (int k = start; k <= end; k++) {
        rank[order[k]] = average;
      }
      start = end + 1;
    }
    double genuineRanks = 0;
    long n = 0;
    for (int k = 0; k < values.length; k++) {
      if (same[k]) {
        genuineRanks += rank[k];
        n++;
      }
    }
    long m = values.length - n;
    return (genuineRanks - n * (n + 1) / 2.0) / ((double) n * m);
  }

  /** The best TAR over every threshold that accepts at most {@code allowed} impostors. */
  private static double tarAt(double[] values, boolean[] same, int allowed) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double best = 0;
    int genuine = 0;
    for (boolean s : same) {
      genuine += s ? 1 : 0;
    }
    // scan thresholds from the top: accept everything at or above each distinct value
    int accepted = 0;
    int falseAccepts = 0;
    Integer[] order = new Integer[values.length];
    Arrays.setAll(order, k -> k);
    Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
    for (int k = 0; k < order.length; ) {
      double t = values[order[k]];
      while (k < order.length && values[order[k]] == t) {
        if (same[order[k]]) {
          accepted++;
        } else {
          falseAccepts++;
        }
        k++;
      }
      if (falseAccepts <= allowed) {
        best = Math.max(best, accepted / (double) genuine);
      }
    }
    return best;
  }

  /**
   * LFW's 10 folds: for each fold, every threshold of the other nine tried, its errors counted by
   * binary search.
   */
  private static double foldAccuracy(double[] values, boolean[] same, int[] fold) {
    double sum = 0;
    for (int held = 0; held < 10; held++) {
      List<Double> genuine = new ArrayList<>();
      List<Double> impostor = new ArrayList<>();
      for (int k = 0; k < values.length; k++) {
        if (fold[k] >= 0 && fold[k] != held) {
          (same[k] ? genuine : impostor).add(values[k]);
        }
      }
      double[] g = genuine.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double[] im = impostor.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double[] thresholds =
          DoubleStream.concat(Arrays.stream(g), Arrays.stream(im)).distinct().sorted().toArray();
      double bestT = Double.POSITIVE_INFINITY;
      int bestRight = im.length; // above every score
      for (int k = thresholds.length - 1; k >= 0; k--) { // from the top, so ties go to the lowest
        double t = thresholds[k];
        int right = g.length - below(g, t) + below(im, t);
        if (right >= bestRight) {
          bestRight = right;
          bestT = t;
        }
      }
      int right = 0;
      int count = 0;
      for (int k = 0; k < values.length; k++) {
        if (fold[k] == held) {
          count++;
          right += (values[k] >= bestT) == same[k] ? 1 : 0;
        }
      }
      sum += right / (double) count;
    }
    return sum / 10;
  }

  /** How many of the sorted values are below {@code t}. */
  private static int below(double[] sorted, double t) {
    int index = Arrays.binarySearch(sorted, t);
    if (index < 0) {
      return -index - 1;
    }
    while (index > 0 && sorted[index - 1] == t) {
      index--;
    }
    return index;
  }
}
