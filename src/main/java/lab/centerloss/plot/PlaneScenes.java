package lab.centerloss.plot;

import java.util.List;
import lab.centerloss.text.Messages;
import lab.centerloss.train.FeatureStatistics;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;

/** Scenes straight from a snapshot, for exports: positions as trained, the view fitted to them. */
public final class PlaneScenes {
  /** Room left around the cloud, as a fraction of the frame; the window uses the same. */
  public static final double PADDING = 0.08;

  /** Outermost fraction of features on each side that the automatic view may leave out. */
  public static final double OUTLIERS = 0.005;

  private PlaneScenes() {}

  public static PlaneScene of(
      StepSnapshot s,
      double width,
      double height,
      boolean test,
      boolean train,
      boolean legend,
      boolean caption) {
    Vec2List none = Vec2List.copyOf(new float[0]);
    IntVector noLabels = IntVector.copyOf(new int[0]);
    ProbeResult probe = s.probe().orElse(null);
    Vec2List testPoints = test && probe != null ? probe.features() : none;
    WorldBox box =
        WorldBox.robust(
            probe != null ? probe.features() : s.batch().features(), s.centers().after(), OUTLIERS);
    return new PlaneScene(
            box.fit(width, height, PADDING),
            testPoints,
            test && probe != null ? probe.labels() : noLabels,
            train ? s.batch().features() : none,
            train ? s.batch().labels() : noLabels,
            s.centers().after(),
            List.of(),
            -1,
            legend,
            caption ? caption(s) : projectionNote(s.hyperparameters()))
        .withKnownDigits(s.hyperparameters().knownDigits());
  }

  /**
   * What the plane is when the feature has more than two dimensions: "2-D PCA projection of the
   * 16-D features at this step"; empty for a 2-D feature, which the plane shows as it is. Every
   * picture of the plane carries it, caption or not.
   */
  public static String projectionNote(Hyperparameters hp) {
    return hp.isProjected() ? Messages.text("plane.projection", hp.featureDim()) : "";
  }

  /**
   * The caption's lines after its first: the projection note where there is one ({@link #caption}),
   * which stays when a picture is exported without the caption.
   */
  public static String noteOf(String caption) {
    int newline = caption.indexOf('\n');
    return newline < 0 ? "" : caption.substring(newline + 1);
  }

  /**
   * "step 120 Softmax λ 0.1 α 0.50 lr 0.01", plus m and s for the heads that use them; with more
   * than two dimensions, a second line saying the plane is a projection ({@link #projectionNote}).
   */
  public static String caption(StepSnapshot s) {
    Hyperparameters hp = s.hyperparameters();
    StringBuilder text =
        new StringBuilder(
            Messages.text(
                "caption.step",
                s.step(),
                Messages.label(hp.head()),
                shortNumber(hp.lambda()),
                hp.alpha(),
                shortNumber(s.learningRateInForce())));
    if (hp.head().usesMargin()) {
      text.append(Messages.text("caption.margin", s.marginInForce()));
    }
    if (hp.head().isNormalized()) {
      text.append(Messages.text("caption.scale", hp.scale()));
    }
    if (hp.isProjected()) {
      text.append('\n').append(projectionNote(hp));
    }
    return text.toString();
  }

  /** 0.1, 0.003, 1.0e-4: short, and without float noise. */
  public static String shortNumber(double value) {
    if (value == 0) {
      return "0";
    }
    if (Math.abs(value) >= 1e-3) {
      String s = String.format("%.4f", value);
      return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
    return String.format("%.1e", value).replace("e-0", "e-");
  }

  /**
   * A comparison pane's figures, as the window's panes and the students' page write them: accuracy,
   * spread, nearest centers, their ratio (and, for the normalized heads, the smallest angle between
   * class directions), all of one step: the probe taken after it, its centers after the update, and
   * the head after the optimizer step, which made the probe's predictions. Above two dimensions
   * they are measured in d dimensions, and the caption says so.
   */
  public static String spreadNumbers(
      ProbeResult probe, Vec2List centers, Hyperparameters hp, StepSnapshot.HeadParameters head) {
    FeatureStatistics.Spread spread = FeatureStatistics.spread(probe, centers, hp.knownDigits());
    String text =
        Messages.text(
            "compare.numbers",
            probe.step(),
            probe.accuracy(),
            spread.rms(),
            spread.nearestCenters(),
            spread.ratio());
    if (probe.isProjected()) {
      text += Messages.text("compare.inDimensions", probe.featureDimensions());
    }
    if (hp.head().isNormalized()) {
      text +=
          " · "
              + Messages.text(
                  "compare.angle",
                  Math.toDegrees(FeatureStatistics.smallestWeightAngle(probe, head.weights())));
    }
    return text;
  }
}
