package lab.centerloss.ui.openset;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;
import lab.centerloss.train.Verification;
import lab.centerloss.train.Verification.PairScore;
import lab.centerloss.ui.common.WhileShown;
import lab.centerloss.ui.model.RunHistory;

/**
 * Verification of the probe's test images, as face recognition is judged: pairs of digits the run
 * never saw (and, as the second line, of the digits it knows), scored by cosine or by distance; the
 * genuine and impostor histograms, a threshold on them, the ROC with the threshold's point, and the
 * figures of {@link Verification}, for the step the timeline shows.
 */
public final class VerificationViewModel {
  /** The FARs the ROC is drawn at: a log axis from 1e-4 to 1. */
  static final double[] ROC_FARS = logSpace(-4, 0, 81);

  static final int BINS = 40;

  /** Scores of one set of pairs, split and sorted, with its figures. */
  public record PairSet(
      int digits,
      int genuineCount,
      int impostorCount,
      double[] genuine,
      double[] impostor,
      Verification.Figures figures,
      double[] roc) {}

  /** What the panel draws: both sets (either may be null), the histogram's range, the threshold. */
  public record Picture(
      PairScore score, PairSet unseen, PairSet known, double low, double high, double threshold) {
    /** The set the threshold and the histogram are about: the unseen digits', else the known. */
    public PairSet main() {
      return unseen != null ? unseen : known;
    }
  }

  private final RunHistory history;
  private final ObjectProperty<PairScore> score = new SimpleObjectProperty<>(PairScore.COSINE);
  private final DoubleProperty thresholdPosition = new SimpleDoubleProperty(0.7);
  private final BooleanProperty panelShown = new SimpleBooleanProperty(true);
  private final ReadOnlyStringWrapper pairsText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper figuresText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper thresholdText = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<Picture> picture = new ReadOnlyObjectWrapper<>();
  private final WhileShown refreshing = new WhileShown(this::refresh);
  private final BooleanProperty pickingPair = new SimpleBooleanProperty(false);
  private final ReadOnlyStringWrapper pairText = new ReadOnlyStringWrapper("");

  /** The picked test images, as indices into the probe; -1 for none. */
  private int firstPicked = -1;

  private int secondPicked = -1;

  /** The threshold on the score in force, NaN while there is none. */
  private double threshold = Double.NaN;

  /** The pairs are drawn once for a probe's labels and split. */
  private IntVector pairedLabels;

  private int pairedKnown = -1;
  private Verification.Pairs unseenPairs;
  private Verification.Pairs knownPairs;
  private ProbeResult scored;
  private PairScore scoredWith;
  private PairSet unseen;
  private PairSet known;

  public VerificationViewModel(RunHistory history) {
    this.history = history;
    refreshing.shownProperty().bind(panelShown);
    history.shownProperty().addListener(o -> refreshing.request());
    score.addListener(o -> refreshing.request());
    thresholdPosition.addListener(o -> refreshing.request());
    pickingPair.addListener(
        (o, was, now) -> {
          if (!now) {
            firstPicked = -1;
            secondPicked = -1;
          }
          refreshing.request();
        });
    refreshing.request();
  }

  /** Whether a click on the plane picks a test image now: picking is on and the panel shown. */
  public boolean picking() {
    return pickingPair.get() && panelShown.get();
  }

  /**
   * A test image clicked on the plane while picking: the first of a pair, or the second; a third
   * click starts a new pair.
   */
  public void pick(int index) {
    if (firstPicked < 0 || secondPicked >= 0) {
      firstPicked = index;
      secondPicked = -1;
    } else if (index != firstPicked) {
      secondPicked = index;
    }
    refreshing.request();
  }

  /**
   * The picked pair to mark on the plane, where its two images are drawn this frame; null until two
   * are picked.
   */
  public PlaneScene.Pair planePair(PlaneScene scene) {
    StepSnapshot shown = history.shownProperty().getValue();
    ProbeResult probe = shown == null ? null : shown.probe().orElse(null);
    Vec2List points = scene.testPoints();
    if (!picking()
        || probe == null
        || secondPicked < 0
        || Double.isNaN(threshold)
        || Math.max(firstPicked, secondPicked) >= Math.min(points.size(), probe.labels().size())) {
      return null;
    }
    double value = score.get().of(probe.comparedFeatures(), firstPicked, secondPicked);
    boolean same = value >= threshold;
    boolean right = same == (probe.labels().get(firstPicked) == probe.labels().get(secondPicked));
    boolean cosine = score.get() == PairScore.COSINE;
    String verdict =
        Messages.text(
            "verification.pick.plane",
            Messages.text(
                same ? "verification.pick.sameShort" : "verification.pick.differentShort"),
            Messages.text(right ? "verification.pick.right" : "verification.pick.wrong"));
    return new PlaneScene.Pair(
        points.x(firstPicked),
        points.y(firstPicked),
        points.x(secondPicked),
        points.y(secondPicked),
        cosine,
        same,
        probe.isProjected()
            ? Messages.text(
                cosine
                    ? "verification.pick.planeProjectedCosine"
                    : "verification.pick.planeProjectedDistance",
                verdict,
                cosine ? value : -value,
                probe.featureDimensions())
            : verdict,
        probe.isProjected());
  }

  /** What the picked pair is and what the threshold says of it, in a sentence. */
  private String describePair(ProbeResult probe) {
    if (!pickingPair.get()) {
      return "";
    }
    int size = probe == null ? 0 : probe.labels().size();
    if (firstPicked < 0 || firstPicked >= size || secondPicked >= size) {
      return Messages.text("verification.pick.start");
    }
    String first = digitName(probe.labels().get(firstPicked));
    if (secondPicked < 0) {
      return Messages.text("verification.pick.first", first);
    }
    if (Double.isNaN(threshold)) {
      return Messages.text("verification.noPairs");
    }
    double value = score.get().of(probe.comparedFeatures(), firstPicked, secondPicked);
    boolean same = value >= threshold;
    boolean sameDigit = probe.labels().get(firstPicked) == probe.labels().get(secondPicked);
    boolean cosine = score.get() == PairScore.COSINE;
    String result =
        Messages.text(
            cosine ? "verification.pick.resultCosine" : "verification.pick.resultDistance",
            first,
            digitName(probe.labels().get(secondPicked)),
            probe.step(),
            cosine ? value : -value,
            cosine ? threshold : -threshold,
            Messages.text(same ? "verification.pick.same" : "verification.pick.different"),
            Messages.text(
                same == sameDigit ? "verification.pick.right" : "verification.pick.wrong"));
    return probe.isProjected()
        ? result + " " + Messages.text("verification.pick.projectedNote", probe.featureDimensions())
        : result;
  }

  private static String digitName(int label) {
    return label == MnistDataSet.OTHER_DATA
        ? Messages.text("verification.pick.otherImage")
        : Messages.text("verification.pick.digit", label);
  }

  private void refresh() {
    StepSnapshot shown = history.shownProperty().getValue();
    if (shown == null || shown.probe().isEmpty()) {
      clear(Messages.text("verification.noProbe"));
      return;
    }
    ProbeResult probe = shown.probe().get();
    int knownDigits = probe.knownDigits();
    int unseenDigits = Hyperparameters.ALL_DIGITS & ~knownDigits;
    if (probe.labels() != pairedLabels || knownDigits != pairedKnown) {
      pairedLabels = probe.labels();
      pairedKnown = knownDigits;
      unseenPairs =
          Verification.pairs(
              probe.labels(),
              unseenDigits,
              Verification.PAIR_SEED,
              Verification.GENUINE_PAIRS,
              Verification.IMPOSTOR_PAIRS);
      knownPairs =
          Verification.pairs(
              probe.labels(),
              knownDigits,
              Verification.PAIR_SEED,
              Verification.GENUINE_PAIRS,
              Verification.IMPOSTOR_PAIRS);
      scored = null;
    }
    if (probe != scored || score.get() != scoredWith) {
      scored = probe;
      scoredWith = score.get();
      unseen = unseenPairs.isEmpty() ? null : pairSet(probe, unseenPairs, unseenDigits);
      known = knownPairs.isEmpty() ? null : pairSet(probe, knownPairs, knownDigits);
    }
    PairSet main = unseen != null ? unseen : known;
    if (main == null) {
      clear(Messages.text("verification.noPairs"));
      return;
    }
    double low = Math.min(main.genuine()[0], main.impostor()[0]);
    double high =
        Math.max(
            main.genuine()[main.genuine().length - 1], main.impostor()[main.impostor().length - 1]);
    threshold = low + thresholdPosition.get() * (high - low);
    pairText.set(describePair(probe));
    picture.set(new Picture(score.get(), unseen, known, low, high, threshold));

    String counts =
        unseen != null
            ? Messages.text(
                "verification.pairs",
                unseen.genuineCount(),
                unseen.impostorCount(),
                Hyperparameters.describeDigits(unseenDigits),
                probe.step())
            : Messages.text(
                "verification.noUnseen",
                Hyperparameters.describeDigits(unseenDigits).isEmpty()
                    ? "–"
                    : Hyperparameters.describeDigits(unseenDigits));
    if (known != null) {
      counts +=
          "\n"
              + Messages.text(
                  "verification.knownPairs",
                  known.genuineCount(),
                  known.impostorCount(),
                  Hyperparameters.describeDigits(knownDigits));
    }
    pairsText.set(counts);
    StringBuilder figures = new StringBuilder();
    for (PairSet set : new PairSet[] {unseen, known}) {
      if (set != null) {
        Verification.Figures f = set.figures();
        figures
            .append(
                Messages.text(
                    set == unseen ? "verification.unseenLine" : "verification.knownLine",
                    f.auc(),
                    f.eer(),
                    f.tarAtFar()[0],
                    f.tarAtFar()[1],
                    f.tarAtFar()[2],
                    f.foldAccuracy(),
                    f.impostorsAtFar()[2]))
            .append('\n');
      }
    }
    figuresText.set(figures.toString().strip());
    thresholdText.set(
        Messages.text(
            score.get() == PairScore.COSINE
                ? "verification.thresholdCosine"
                : "verification.thresholdDistance",
            score.get() == PairScore.COSINE ? threshold : -threshold,
            Verification.acceptedShare(main.genuine(), threshold),
            Verification.acceptedShare(main.impostor(), threshold)));
  }

  private PairSet pairSet(ProbeResult probe, Verification.Pairs pairs, int digits) {
    double[] values = Verification.scores(probe.comparedFeatures(), pairs, score.get());
    double[][] split = Verification.split(values, pairs.same());
    Verification.Figures figures = Verification.figures(values, pairs.same(), pairs.fold());
    return new PairSet(
        digits,
        pairs.genuine(),
        pairs.impostor(),
        split[0],
        split[1],
        figures,
        Verification.tarAtFars(split[0], split[1], ROC_FARS));
  }

  private void clear(String why) {
    threshold = Double.NaN;
    StepSnapshot shown = history.shownProperty().getValue();
    pairText.set(describePair(shown == null ? null : shown.probe().orElse(null)));
    picture.set(null);
    pairsText.set(why);
    figuresText.set("");
    thresholdText.set("");
  }

  /** Counts of sorted values in {@code bins} equal bins over [low, high]. */
  static int[] histogram(double[] sorted, double low, double high, int bins) {
    int[] counts = new int[bins];
    double width = (high - low) / bins;
    for (double v : sorted) {
      int bin = width > 0 ? (int) Math.floor((v - low) / width) : 0;
      counts[Math.max(0, Math.min(bins - 1, bin))]++;
    }
    return counts;
  }

  private static double[] logSpace(double from, double to, int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = Math.pow(10, from + (to - from) * i / (n - 1));
    }
    return values;
  }

  /** Where the threshold sits on the main set's ROC: its FAR and TAR. */
  public double[] thresholdPoint() {
    Picture p = picture.get();
    if (p == null) {
      return null;
    }
    return new double[] {
      Verification.acceptedShare(p.main().impostor(), p.threshold()),
      Verification.acceptedShare(p.main().genuine(), p.threshold())
    };
  }

  public static List<PairScore> scores() {
    return List.of(PairScore.values());
  }

  /** Whether clicks on the plane pick test images for a pair (else they select centers). */
  public BooleanProperty pickingPairProperty() {
    return pickingPair;
  }

  /** The picked pair: its digits, its score, and whether the threshold is right about it. */
  public ReadOnlyStringProperty pairTextProperty() {
    return pairText.getReadOnlyProperty();
  }

  public BooleanProperty panelShownProperty() {
    return panelShown;
  }

  public ObjectProperty<PairScore> scoreProperty() {
    return score;
  }

  public DoubleProperty thresholdPositionProperty() {
    return thresholdPosition;
  }

  public ReadOnlyStringProperty pairsTextProperty() {
    return pairsText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty figuresTextProperty() {
    return figuresText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty thresholdTextProperty() {
    return thresholdText.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Picture> pictureProperty() {
    return picture.getReadOnlyProperty();
  }

  /** The language changed: every text this panel made is made again in it. */
  public void refreshTexts() {
    refreshing.request();
  }
}
