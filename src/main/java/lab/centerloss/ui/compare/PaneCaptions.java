package lab.centerloss.ui.compare;

import java.util.Optional;
import lab.centerloss.plot.PlaneScenes;
import lab.centerloss.text.Messages;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.OneChange;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Verification;
import lab.centerloss.ui.model.ProbedState;

/**
 * What each pane of the comparison says above and below its plane: what its run is, and its live
 * numbers.
 */
final class PaneCaptions {
  private PaneCaptions() {}

  /** A value of a setting as a teacher reads it: a number as written, a choice by its name. */
  public static String valueLabel(OneChange.Setting setting, String value) {
    return setting.choice(value).<String>map(Messages::label).orElse(value);
  }

  /** What a pane's run is, by the setting the preset changes. */
  static String title(ComparisonPreset preset, Hyperparameters hp, int pane) {
    return switch (preset) {
      case LAMBDA -> Messages.text("compare.title.lambda", PlaneScenes.shortNumber(hp.lambda()));
      case ALPHA -> Messages.text("compare.title.alpha", PlaneScenes.shortNumber(hp.alpha()));
      case CENTER_RULE -> Messages.text("compare.title.rule", Messages.label(hp.centerRule()));
      case HEADS ->
          hp.head() == HeadKind.SOFTMAX
              ? hp.lambda() == 0
                  ? Messages.text("compare.title.softmax")
                  : Messages.text("compare.title.center", PlaneScenes.shortNumber(hp.lambda()))
              : Messages.text("compare.title.margin", Messages.label(hp.head()), hp.margin());
      case TRAIN_AND_TEST ->
          Messages.text(pane == 0 ? "compare.title.train" : "compare.title.test");
      case ONE_CHANGE -> "";
    };
  }

  /**
   * A pane's live numbers, from the probe it shows: accuracy; spread, the root-mean-square distance
   * of the features to their class's center c_j; the smallest distance between two centers; and
   * their ratio, the figure of merit of center loss (compact classes far apart). For the normalized
   * heads, the smallest angle between two class directions W_j too.
   */
  static String numbers(StepSnapshot shown, ProbedState made) {
    if (shown.diverged()) {
      return Messages.text("compare.diverged", shown.step());
    }
    Optional<ProbeResult> probe = shown.probe();
    if (probe.isEmpty() || made == null) {
      return "";
    }
    // every figure of one step: the probe's features, and the centers and head that made them
    return PlaneScenes.spreadNumbers(
        probe.get(), made.centers(), made.hyperparameters(), made.head());
  }

  /**
   * A pane's verification figure instead of its spread: TAR at FAR 1% of the probe's pairs, by
   * cosine, as the face papers compare recipes (CosFace section 4, ArcFace section 3 report TAR at
   * a fixed FAR). The pairs of the digits the run never saw; for a closed-set run, which has none,
   * the known digits' pairs, and the caption says which.
   *
   * @param pairs the pairs drawn for this probe's labels: of the unseen digits if there are any
   * @param unseen whether {@code pairs} are of unseen digits
   */
  static String verification(
      StepSnapshot shown, ProbedState made, Verification.Pairs pairs, boolean unseen) {
    if (shown.diverged()) {
      return Messages.text("compare.diverged", shown.step());
    }
    Optional<ProbeResult> probe = shown.probe();
    if (probe.isEmpty() || made == null || pairs == null) {
      return "";
    }
    if (pairs.isEmpty()) {
      return Messages.text("compare.verification.noPairs", probe.get().step());
    }
    ProbeResult p = probe.get();
    double[][] split =
        Verification.split(
            Verification.scores(p.comparedFeatures(), pairs, Verification.PairScore.COSINE),
            pairs.same());
    double tar = Verification.tarAtFars(split[0], split[1], new double[] {0.01})[0];
    return Messages.text(
        unseen ? "compare.verification.unseen" : "compare.verification.known",
        p.step(),
        tar,
        pairs.genuine(),
        pairs.impostor(),
        (int) Math.floor(0.01 * pairs.impostor()));
  }
}
