package lab.centerloss.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import lab.centerloss.text.Ids;

/**
 * Face verification's question asked of digits: are two images of the same class? The protocol
 * mirrors the papers' (LFW's pairs in 10 folds, Huang et al. 2007, as center loss, CosFace and
 * ArcFace report it; TAR at a fixed FAR as on IJB-B/C): a fixed, seeded list of genuine pairs (two
 * images of one digit) and impostor pairs (two digits), scored by the cosine of the two features
 * (what CosFace and ArcFace compare; center loss's paper compares cosines too, Wen et al. 2016,
 * section 4.1) or by minus their Euclidean distance, higher meaning "the same".
 *
 * <p>The figures: the ROC (TAR, the share of genuine pairs accepted, against FAR, the share of
 * impostor pairs accepted, as the threshold moves), its area (the probability that a genuine pair
 * outscores an impostor pair, ties counted half: the Mann-Whitney statistic), the equal error rate
 * (where FAR equals 1 - TAR on the ROC, its points joined by straight lines), TAR at a FAR of 10%,
 * 1% and 0.1% (at the lowest threshold whose FAR is at most that), and LFW's accuracy: in each of
 * 10 folds of a balanced subset, the threshold that is most accurate on the other nine, tried on
 * it.
 */
public final class Verification {
  /** The FARs TAR is reported at. */
  public static final double[] FARS = {0.1, 0.01, 0.001};

  /** The pair list's seed: one list for a data set and a split, whatever run or pane scores it. */
  public static final long PAIR_SEED = 20_160_916;

  public static final int GENUINE_PAIRS = 10_000;
  public static final int IMPOSTOR_PAIRS = 100_000;

  /** LFW's balance: as many genuine as impostor pairs in the folds, 300 of each a fold. */
  public static final int FOLD_PAIRS_EACH = 3_000;

  public static final int FOLDS = 10;

  private Verification() {}

  /** How two features are compared; higher is "the same". */
  public enum PairScore {
    /** cos of the angle between the two features. */
    COSINE,
    /**
     * minus the Euclidean distance between them (the CSV and the window show the distance itself).
     */
    DISTANCE;

    public String id() {
      return Ids.of(this);
    }

    /**
     * The score of images i and j of features of any size (higher: more alike). Two dimensions go
     * through {@link #of(Vec2List, int, int)}, so a 2-D run's numbers stay as they were.
     */
    public double of(FeatureRows features, int i, int j) {
      if (features.dimensions() == 2) {
        return of(
            Vec2List.owning(
                new float[] {
                  features.get(i, 0), features.get(i, 1), features.get(j, 0), features.get(j, 1)
                }),
            0,
            1);
      }
      if (this == DISTANCE) {
        return -Math.sqrt(features.squaredDistance(i, features, j));
      }
      double norms = features.norm(i) * features.norm(j);
      return norms > 0 ? features.dot(i, features, j) / norms : 0;
    }

    /** The score of images i and j (higher: more alike). */
    public double of(Vec2List features, int i, int j) {
      double ax = features.x(i);
      double ay = features.y(i);
      double bx = features.x(j);
      double by = features.y(j);
      if (this == DISTANCE) {
        return -Math.hypot(ax - bx, ay - by);
      }
      double norms = Math.hypot(ax, ay) * Math.hypot(bx, by);
      return norms > 0 ? (ax * bx + ay * by) / norms : 0;
    }
  }

  /**
   * A list of pairs of images (indices into the test set), genuine first. {@code fold[k]} is the
   * fold of pair k in the balanced subset, -1 for a pair outside it.
   */
  public record Pairs(
      int[] first, int[] second, boolean[] same, int[] fold, int genuine, int impostor) {
    public int size() {
      return first.length;
    }

    public boolean isEmpty() {
      return genuine == 0 || impostor == 0;
    }
  }

  /**
   * The pairs among the images whose label is in {@code digits} (a bit mask): up to {@code
   * genuineWanted} genuine and {@code impostorWanted} impostor pairs, each drawn uniformly without
   * repeats from all such pairs (all of them when there are fewer), by a generator seeded with
   * {@code seed}: the same labels always give the same list. Empty when the digits leave no
   * impostor pair.
   */
  public static Pairs pairs(
      IntVector labels, int digits, long seed, int genuineWanted, int impostorWanted) {
    List<List<Integer>> byDigit = new ArrayList<>();
    List<Integer> all = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      byDigit.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.size(); i++) {
      int label = labels.get(i);
      if (label >= 0 && label < 10 && Hyperparameters.isKnown(label, digits)) {
        byDigit.get(label).add(i);
        all.add(i);
      }
    }
    long genuineTotal = 0;
    long present = 0;
    for (List<Integer> images : byDigit) {
      genuineTotal += (long) images.size() * (images.size() - 1) / 2;
      present += images.isEmpty() ? 0 : 1;
    }
    long impostorTotal = (long) all.size() * (all.size() - 1) / 2 - genuineTotal;
    if (present < 2 || genuineTotal == 0) {
      return new Pairs(new int[0], new int[0], new boolean[0], new int[0], 0, 0);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<long[]> genuine = new ArrayList<>();
    List<long[]> impostor = new ArrayList<>();
    if (genuineTotal <= genuineWanted) {
      for (List<Integer> images : byDigit) {
        for (int a = 0; a < images.size(); a++) {
          for (int b = a + 1; b < images.size(); b++) {
            genuine.add(new long[] {images.get(a), images.get(b)});
          }
        }
      }
      shuffle(genuine, random);
    } else {
      // a digit in proportion to its pairs, then two of its images: uniform over genuine pairs
      long[] cumulative = new long[10];
      long sum = 0;
      for (int d = 0; d < 10; d++) {
        int n = byDigit.get(d).size();
        sum += (long) n * (n - 1) / 2;
        cumulative[d] = sum;
      }
      Set<Long> seen = new HashSet<>();
      while (genuine.size() < genuineWanted) {
        long r = random.nextLong(sum);
        int d = 0;
        while (cumulative[d] <= r) {
          d++;
        }
        List<Integer> images = byDigit.get(d);
        int a = images.get(random.nextInt(images.size()));
        int b = images.get(random.nextInt(images.size()));
        if (a != b && seen.add(key(a, b))) {
          genuine.add(new long[] {Math.min(a, b), Math.max(a, b)});
        }
      }
    }
    if (impostorTotal <= impostorWanted) {
      for (int a = 0; a < all.size(); a++) {
        for (int b = a + 1; b < all.size(); b++) {
          if (labels.get(all.get(a)) != labels.get(all.get(b))) {
            impostor.add(new long[] {all.get(a), all.get(b)});
          }
        }
      }
      shuffle(impostor, random);
    } else {
      // two images at random, kept when their digits differ: uniform over impostor pairs
      Set<Long> seen = new HashSet<>();
      while (impostor.size() < impostorWanted) {
        int a = all.get(random.nextInt(all.size()));
        int b = all.get(random.nextInt(all.size()));
        if (labels.get(a) != labels.get(b) && seen.add(key(a, b))) {
          impostor.add(new long[] {Math.min(a, b), Math.max(a, b)});
        }
      }
    }
    int n = genuine.size() + impostor.size();
    int[] first = new int[n];
    int[] second = new int[n];
    boolean[] same = new boolean[n];
    int[] fold = new int[n];
    Arrays.fill(fold, -1);
    int balanced = Math.min(FOLD_PAIRS_EACH, Math.min(genuine.size(), impostor.size()));
    for (int k = 0; k < n; k++) {
      boolean isGenuine = k < genuine.size();
      int index = isGenuine ? k : k - genuine.size();
      long[] pair = isGenuine ? genuine.get(index) : impostor.get(index);
      first[k] = (int) pair[0];
      second[k] = (int) pair[1];
      same[k] = isGenuine;
      if (index < balanced) {
        fold[k] = index % FOLDS;
      }
    }
    return new Pairs(first, second, same, fold, genuine.size(), impostor.size());
  }

  private static long key(int a, int b) {
    return (long) Math.min(a, b) << 32 | Math.max(a, b);
  }

  private static void shuffle(List<long[]> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long[] t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  /** Each pair's score, on features of any size. */
  public static double[] scores(FeatureRows features, Pairs pairs, PairScore score) {
    if (features.dimensions() == 2) {
      return scores(Vec2List.owning(features.toArray()), pairs, score);
    }
    double[] values = new double[pairs.size()];
    for (int k = 0; k < values.length; k++) {
      values[k] = score.of(features, pairs.first()[k], pairs.second()[k]);
    }
    return values;
  }

  /** Each pair's score. */
  public static double[] scores(Vec2List features, Pairs pairs, PairScore score) {
    double[] values = new double[pairs.size()];
    for (int k = 0; k < values.length; k++) {
      values[k] = score.of(features, pairs.first()[k], pairs.second()[k]);
    }
    return values;
  }

  /**
   * @param tarAtFar TAR at each of {@link #FARS}
   * @param impostorsAtFar how many impostor pairs a FAR of each of {@link #FARS} allows to be
   *     accepted: below about 10 the figure rests on too few to mean much
   * @param foldAccuracy LFW's accuracy: the mean over the folds; NaN without a balanced subset
   * @param foldSpread the standard deviation of the folds' accuracies (as LFW reports it)
   */
  public record Figures(
      int genuine,
      int impostor,
      double auc,
      double eer,
      double[] tarAtFar,
      long[] impostorsAtFar,
      double foldAccuracy,
      double foldSpread) {}

  /** The figures of one score over a pair list (see the class comment for each). */
  public static Figures figures(double[] scores, boolean[] same, int[] fold) {
    double[][] split = split(scores, same);
    double[] genuine = split[0];
    double[] impostor = split[1];
    double[] tar = new double[FARS.length];
    long[] allowed = new long[FARS.length];
    for (int f = 0; f < FARS.length; f++) {
      allowed[f] = (long) Math.floor(FARS[f] * impostor.length + 1e-9);
      tar[f] = tarAtMostFalseAccepts(genuine, impostor, allowed[f]);
    }
    double[] folds = foldAccuracies(scores, same, fold);
    double mean = Double.NaN;
    double spread = Double.NaN;
    if (folds.length > 0) {
      mean = Arrays.stream(folds).average().orElse(Double.NaN);
      double m = mean;
      spread = Math.sqrt(Arrays.stream(folds).map(a -> (a - m) * (a - m)).sum() / folds.length);
    }
    return new Figures(
        genuine.length,
        impostor.length,
        auc(genuine, impostor),
        eer(genuine, impostor),
        tar,
        allowed,
        mean,
        spread);
  }

  /**
   * The ROC at the given FARs: for each, the TAR at the lowest threshold that accepts at most that
   * share of the impostors (as {@link Figures#tarAtFar()} is found).
   */
  public static double[] tarAtFars(double[] sortedGenuine, double[] sortedImpostor, double[] fars) {
    double[] tar = new double[fars.length];
    for (int f = 0; f < fars.length; f++) {
      tar[f] =
          tarAtMostFalseAccepts(
              sortedGenuine,
              sortedImpostor,
              (long) Math.floor(fars[f] * sortedImpostor.length + 1e-9));
    }
    return tar;
  }

  /**
   * The share of sorted values at or above {@code threshold}: what accepting "score >= threshold"
   * lets in.
   */
  public static double acceptedShare(double[] sorted, double threshold) {
    return sorted.length == 0
        ? Double.NaN
        : (sorted.length - lowerBound(sorted, threshold)) / (double) sorted.length;
  }

  /** The genuine and the impostor scores of a pair list, each sorted. */
  public static double[][] split(double[] scores, boolean[] same) {
    int genuineCount = 0;
    for (boolean s : same) {
      genuineCount += s ? 1 : 0;
    }
    double[] genuine = new double[genuineCount];
    double[] impostor = new double[scores.length - genuineCount];
    for (int k = 0, g = 0, i = 0; k < scores.length; k++) {
      if (same[k]) {
        genuine[g++] = scores[k];
      } else {
        impostor[i++] = scores[k];
      }
    }
    Arrays.sort(genuine);
    Arrays.sort(impostor);
    return new double[][] {genuine, impostor};
  }

  /** P(genuine > impostor) + P(equal) / 2, from the two sorted lists. */
  static double auc(double[] genuine, double[] impostor) {
    if (genuine.length == 0 || impostor.length == 0) {
      return Double.NaN;
    }
    double wins = 0;
    int below = 0; // impostors strictly below the genuine score
    int upTo = 0; // impostors at or below it
    for (double g : genuine) {
      while (below < impostor.length && impostor[below] < g) {
        below++;
      }
      upTo = Math.max(upTo, below);
      while (upTo < impostor.length && impostor[upTo] <= g) {
        upTo++;
      }
      wins += below + (upTo - below) / 2.0;
    }
    return wins / ((double) genuine.length * impostor.length);
  }

  /**
   * The share of genuine scores above the lowest threshold that accepts at most {@code allowed}
   * impostors.
   */
  static double tarAtMostFalseAccepts(double[] genuine, double[] impostor, long allowed) {
    if (genuine.length == 0) {
      return Double.NaN;
    }
    if (allowed >= impostor.length) {
      return 1;
    }
    // accepting "score >= t" lets in at most `allowed` impostors exactly when t is above the
    // (allowed + 1)-th highest impostor score; the lowest such t accepts every genuine above it
    double bar = impostor[impostor.length - 1 - (int) allowed];
    int notAbove = upperBound(genuine, bar);
    return (genuine.length - notAbove) / (double) genuine.length;
  }

  /**
   * Where FAR = 1 - TAR on the ROC, its points (one per distinct score) joined by straight lines.
   */
  static double eer(double[] genuine, double[] impostor) {
    if (genuine.length == 0 || impostor.length == 0) {
      return Double.NaN;
    }
    double[] thresholds = distinctDescending(genuine, impostor);
    double previousFar = 0;
    double previousGap = 1; // 1 - TAR - FAR at a threshold above every score
    for (double t : thresholds) {
      double far = (impostor.length - lowerBound(impostor, t)) / (double) impostor.length;
      double tar = (genuine.length - lowerBound(genuine, t)) / (double) genuine.length;
      double gap = 1 - tar - far;
      if (gap <= 0) {
        double share = previousGap / (previousGap - gap);
        return previousFar + share * (far - previousFar);
      }
      previousFar = far;
      previousGap = gap;
    }
    return previousFar; // not reached: at the lowest threshold TAR = FAR = 1
  }

  /** Each fold's accuracy at the threshold most accurate on the other folds (LFW's protocol). */
  static double[] foldAccuracies(double[] scores, boolean[] same, int[] fold) {
    int folds = 0;
    for (int f : fold) {
      folds = Math.max(folds, f + 1);
    }
    double[] accuracies = new double[folds];
    for (int held = 0; held < folds; held++) {
      double threshold = mostAccurateThreshold(scores, same, fold, held);
      int right = 0;
      int count = 0;
      for (int k = 0; k < scores.length; k++) {
        if (fold[k] == held) {
          count++;
          right += (scores[k] >= threshold) == same[k] ? 1 : 0;
        }
      }
      accuracies[held] = count == 0 ? Double.NaN : right / (double) count;
    }
    return accuracies;
  }

  /**
   * Of the thresholds "accept at or above t" (t each score of the other folds, or above them all),
   * the lowest of the most accurate on the other folds.
   */
  private static double mostAccurateThreshold(
      double[] scores, boolean[] same, int[] fold, int held) {
    List<double[]> training = new ArrayList<>(); // {score, 1 if genuine}
    int impostors = 0;
    for (int k = 0; k < scores.length; k++) {
      if (fold[k] >= 0 && fold[k] != held) {
        training.add(new double[] {scores[k], same[k] ? 1 : 0});
        impostors += same[k] ? 0 : 1;
      }
    }
    training.sort((a, b) -> Double.compare(a[0], b[0]));
    int genuineAtOrAbove =
        training.size() - impostors; // t at the lowest score: every genuine accepted
    int impostorsBelow = 0;
    double best = Double.POSITIVE_INFINITY;
    int bestRight = impostors; // t above every score: only the impostors are right
    for (int i = 0; i < training.size(); ) {
      double t = training.get(i)[0];
      int right = genuineAtOrAbove + impostorsBelow;
      if (right >= bestRight && (right > bestRight || t < best)) {
        bestRight = right;
        best = t;
      }
      // move past every pair scoring t: they are rejected by any higher threshold
      while (i < training.size() && training.get(i)[0] == t) {
        if (training.get(i)[1] == 1) {
          genuineAtOrAbove--;
        } else {
          impostorsBelow++;
        }
        i++;
      }
    }
    return best;
  }

  private static double[] distinctDescending(double[] a, double[] b) {
    double[] all = new double[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    double[] distinct = Arrays.stream(all).distinct().sorted().toArray();
    for (int i = 0, j = distinct.length - 1; i < j; i++, j--) {
      double t = distinct[i];
      distinct[i] = distinct[j];
      distinct[j] = t;
    }
    return distinct;
  }

  /** The number of sorted values below {@code v}. */
  private static int lowerBound(double[] sorted, double v) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] < v) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** The number of sorted values at or below {@code v}. */
  private static int upperBound(double[] sorted, double v) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] <= v) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
