package lab.centerloss.plot;

import java.util.List;
import lab.centerloss.train.FloatVector;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.OpenSetScores;
import lab.centerloss.train.Vec2List;

/**
 * Everything one frame of the feature plane shows, already interpolated: the renderer draws it and
 * decides nothing.
 *
 * @param testPoints features of the probe's test images (may be empty)
 * @param testLabels their digits
 * @param trainPoints features of the latest batch (may be empty)
 * @param trainLabels their digits
 * @param centers the ten class centers
 * @param trails per class, earlier positions of its center, oldest first (may be empty)
 * @param selectedClass a class to highlight, or -1
 * @param caption text for the top-left corner (step, hyperparameters), or empty
 * @param marks lines and arrows drawn over the points (the step-through's pulls and moves)
 * @param ghostPoints earlier positions drawn faint under everything (may be empty)
 * @param ghostLabels their digits
 * @param knownDigits the digits training saw, as bits: center j is the j-th of them, and test
 *     points of other digits (the open set's unknowns) are drawn grey and hollow
 * @param regions what to shade under the points (decision and accepted regions), or null
 * @param drawn a digit drawn on the pad, where it landed, or null
 * @param pair two test images picked for verification, or null
 */
public record PlaneScene(
    ViewWindow view,
    Vec2List testPoints,
    IntVector testLabels,
    Vec2List trainPoints,
    IntVector trainLabels,
    Vec2List centers,
    List<Vec2List> trails,
    int selectedClass,
    boolean showLegend,
    String caption,
    List<Mark> marks,
    Vec2List ghostPoints,
    IntVector ghostLabels,
    int knownDigits,
    Regions regions,
    Drawn drawn,
    Pair pair) {

  private static final Vec2List NO_POINTS = Vec2List.copyOf(new float[0]);
  private static final IntVector NO_LABELS = IntVector.copyOf(new int[0]);

  public PlaneScene(
      ViewWindow view,
      Vec2List testPoints,
      IntVector testLabels,
      Vec2List trainPoints,
      IntVector trainLabels,
      Vec2List centers,
      List<Vec2List> trails,
      int selectedClass,
      boolean showLegend,
      String caption) {
    this(
        view,
        testPoints,
        testLabels,
        trainPoints,
        trainLabels,
        centers,
        trails,
        selectedClass,
        showLegend,
        caption,
        List.of(),
        NO_POINTS,
        NO_LABELS,
        Hyperparameters.ALL_DIGITS,
        null);
  }

  public PlaneScene(
      ViewWindow view,
      Vec2List testPoints,
      IntVector testLabels,
      Vec2List trainPoints,
      IntVector trainLabels,
      Vec2List centers,
      List<Vec2List> trails,
      int selectedClass,
      boolean showLegend,
      String caption,
      List<Mark> marks) {
    this(
        view,
        testPoints,
        testLabels,
        trainPoints,
        trainLabels,
        centers,
        trails,
        selectedClass,
        showLegend,
        caption,
        marks,
        NO_POINTS,
        NO_LABELS,
        Hyperparameters.ALL_DIGITS,
        null);
  }

  public PlaneScene(
      ViewWindow view,
      Vec2List testPoints,
      IntVector testLabels,
      Vec2List trainPoints,
      IntVector trainLabels,
      Vec2List centers,
      List<Vec2List> trails,
      int selectedClass,
      boolean showLegend,
      String caption,
      List<Mark> marks,
      Vec2List ghostPoints,
      IntVector ghostLabels,
      int knownDigits,
      Regions regions) {
    this(
        view,
        testPoints,
        testLabels,
        trainPoints,
        trainLabels,
        centers,
        trails,
        selectedClass,
        showLegend,
        caption,
        marks,
        ghostPoints,
        ghostLabels,
        knownDigits,
        regions,
        null,
        null);
  }

  /** The same scene on another view, e.g. an export at another size. */
  public PlaneScene withView(ViewWindow other) {
    return new PlaneScene(
        other,
        testPoints,
        testLabels,
        trainPoints,
        trainLabels,
        centers,
        trails,
        selectedClass,
        showLegend,
        caption,
        marks,
        ghostPoints,
        ghostLabels,
        knownDigits,
        regions,
        drawn,
        pair);
  }

  /** The same scene with another legend and caption choice, for an export. */
  public PlaneScene withLegendAndCaption(boolean legend, String newCaption) {
    return new PlaneScene(
        view,
        testPoints,
        testLabels,
        trainPoints,
        trainLabels,
        centers,
        trails,
        selectedClass,
        legend,
        newCaption,
        marks,
        ghostPoints,
        ghostLabels,
        knownDigits,
        regions,
        drawn,
        pair);
  }

  /** The same scene for another split of known digits. */
  public PlaneScene withKnownDigits(int known) {
    return new PlaneScene(
        view,
        testPoints,
        testLabels,
        trainPoints,
        trainLabels,
        centers,
        trails,
        selectedClass,
        showLegend,
        caption,
        marks,
        ghostPoints,
        ghostLabels,
        known,
        regions,
        drawn,
        pair);
  }

  /** The same scene with regions shaded under it (or none). */
  public PlaneScene withRegions(Regions shading) {
    return new PlaneScene(
        view,
        testPoints,
        testLabels,
        trainPoints,
        trainLabels,
        centers,
        trails,
        selectedClass,
        showLegend,
        caption,
        marks,
        ghostPoints,
        ghostLabels,
        knownDigits,
        shading,
        drawn,
        pair);
  }

  /**
   * The same scene without the test points of digits training never saw (the open set's unknowns).
   */
  public PlaneScene withoutUnknowns() {
    int kept = 0;
    for (int i = 0; i < testLabels.size(); i++) {
      kept += isKnown(testLabels.get(i)) ? 1 : 0;
    }
    if (kept == testLabels.size()) {
      return this;
    }
    float[] points = new float[2 * kept];
    int[] labels = new int[kept];
    int k = 0;
    for (int i = 0; i < testLabels.size(); i++) {
      if (isKnown(testLabels.get(i))) {
        points[2 * k] = testPoints.x(i);
        points[2 * k + 1] = testPoints.y(i);
        labels[k++] = testLabels.get(i);
      }
    }
    return new PlaneScene(
        view,
        Vec2List.copyOf(points),
        IntVector.copyOf(labels),
        trainPoints,
        trainLabels,
        centers,
        trails,
        selectedClass,
        showLegend,
        caption,
        marks,
        ghostPoints,
        ghostLabels,
        knownDigits,
        regions,
        drawn,
        pair);
  }

  /** The same scene with a drawn digit marked on it (or none). */
  public PlaneScene withDrawn(Drawn mark) {
    return new PlaneScene(
        view,
        testPoints,
        testLabels,
        trainPoints,
        trainLabels,
        centers,
        trails,
        selectedClass,
        showLegend,
        caption,
        marks,
        ghostPoints,
        ghostLabels,
        knownDigits,
        regions,
        mark,
        pair);
  }

  /** The same scene with two picked test images marked. */
  public PlaneScene withPair(Pair picked) {
    return new PlaneScene(
        view,
        testPoints,
        testLabels,
        trainPoints,
        trainLabels,
        centers,
        trails,
        selectedClass,
        showLegend,
        caption,
        marks,
        ghostPoints,
        ghostLabels,
        knownDigits,
        regions,
        drawn,
        picked);
  }

  /**
   * Two test images picked on the plane, as a verification system sees them: by the angle between
   * their features from the origin (cosine) or by the segment between them (distance).
   *
   * @param cosine whether the score is the cosine (else the Euclidean distance)
   * @param same whether the threshold says "same digit"
   * @param label what the pair is and what the threshold says, drawn beside it
   * @param projected whether the two points are a projection of larger features: a projection
   *     changes angles and lengths, so the pair is only linked, and the label gives the score
   */
  public record Pair(
      double firstX,
      double firstY,
      double secondX,
      double secondY,
      boolean cosine,
      boolean same,
      String label,
      boolean projected) {}

  /**
   * Where a digit drawn on the pad landed: a large marker, a line to the nearest center, a label.
   *
   * @param accepted whether the open-set threshold accepts it; null when there is no threshold
   */
  public record Drawn(
      double x,
      double y,
      double nearestX,
      double nearestY,
      int predictedDigit,
      Boolean accepted,
      String label) {}

  /**
   * The open-set view's shading: every point of the plane in the color of the class the head gives
   * it (softmax gives every point to some class), brighter where the score accepts it.
   *
   * @param centers per class
   * @param threshold on the score (higher accepts)
   */
  public record Regions(
      HeadKind head,
      Vec2List weights,
      FloatVector bias,
      double scale,
      Vec2List centers,
      OpenSetScores.Score score,
      double threshold,
      int knownDigits) {}

  /** The digit of center (class) j. */
  public int centerDigit(int j) {
    int seen = 0;
    for (int d = 0; d < 31; d++) {
      if ((knownDigits & (1 << d)) != 0 && seen++ == j) {
        return d;
      }
    }
    return j;
  }

  /** Whether training saw this digit. */
  public boolean isKnown(int digit) {
    return Hyperparameters.isKnown(digit, knownDigits);
  }

  /** A line or arrow between two world points, in a digit's color. */
  public record Mark(double fromX, double fromY, double toX, double toY, int digit, Kind kind) {
    public enum Kind {
      /** thin: a sample tied to its center */
      LINE,
      /** an arrow head at the end: a move */
      ARROW,
      /** a fainter arrow: a force that acts on a feature */
      FORCE
    }
  }
}
