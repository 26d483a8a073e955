package lab.centerloss.ui.stepthrough;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.plot.PlaneScene.Mark;
import lab.centerloss.text.Messages;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;
import lab.centerloss.ui.stepthrough.StepThroughViewModel.Phase;

/**
 * What the plane shows of one step in each phase of the step-through (Wen et al., ECCV 2016,
 * Algorithm 1): the batch; the pull of center loss on each feature; each center's move; the batch
 * before and after the step. Arrows too short to see are drawn longer by a stated round factor.
 */
final class StepOverlay {
  /** Smallest on-screen length of the longest arrow that the class can see. */
  static final double VISIBLE_MOVE_PIXELS = 40;

  private StepOverlay() {}

  /**
   * The plane for one step and phase, on the live scene's view; {@code selected} is a class index
   * or -1.
   */
  static PlaneScene scene(
      StepSnapshot s, Phase phase, int selected, boolean allArrows, PlaneScene live) {
    List<Mark> marks = new ArrayList<>();
    Vec2List centers = phase == Phase.AFTER ? s.centers().after() : s.centers().before();
    Vec2List points = s.batch().features();
    Vec2List ghosts = Vec2List.copyOf(new float[0]);
    IntVector ghostLabels = IntVector.copyOf(new int[0]);
    String caption = Messages.text("step.caption", s.step(), phase.number());
    double pixelsPerUnit = live.view().pixelsPerUnit();
    switch (phase) {
      case BATCH -> {}
      case PULL -> caption += pullMarks(s, selected, pixelsPerUnit, marks);
      case UPDATE -> {
        int[] digits = s.hyperparameters().classDigits();
        double magnification = magnification(longestCenterMove(s) * pixelsPerUnit);
        for (int j = 0; j < s.classes(); j++) {
          if (allArrows || j == selected) {
            double x = s.centers().before().x(j);
            double y = s.centers().before().y(j);
            marks.add(
                new Mark(
                    x,
                    y,
                    x + magnification * (s.centers().after().x(j) - x),
                    y + magnification * (s.centers().after().y(j) - y),
                    digits[j],
                    Mark.Kind.ARROW));
          }
        }
        caption +=
            magnification > 1 ? Messages.text("step.drawnTimes", formatFactor(magnification)) : "";
      }
      case AFTER -> {
        if (s.batch().featuresAfter().isPresent()) {
          ghosts = s.batch().features();
          ghostLabels = s.batch().labels();
          points = s.batch().featuresAfter().get();
          int[] classOf = classOfDigit(s);
          for (int i = 0; i < points.size(); i++) {
            int digit = s.batch().labels().get(i);
            if (classOf[digit] == selected) {
              marks.add(
                  new Mark(
                      ghosts.x(i), ghosts.y(i), points.x(i), points.y(i), digit, Mark.Kind.LINE));
            }
          }
        }
      }
    }
    return new PlaneScene(
        live.view(),
        Vec2List.copyOf(new float[0]),
        IntVector.copyOf(new int[0]),
        points,
        s.batch().labels(),
        centers,
        List.of(),
        selected,
        live.showLegend(),
        caption,
        marks,
        ghosts,
        ghostLabels,
        s.hyperparameters().knownDigits(),
        live.regions());
  }

  /**
   * Phase 2: a thin line from each sample to its center, and an arrow along the pull of center loss
   * on the feature, -d(lambda L_C)/dx_i = lambda (c_{y_i} - x_i) / m, its length that pull
   * magnified by a stated factor. Returns the caption's addition.
   */
  private static String pullMarks(
      StepSnapshot s, int selected, double pixelsPerUnit, List<Mark> marks) {
    double lambda = s.hyperparameters().lambda();
    int m = s.batch().size();
    int[] classOf = classOfDigit(s);
    double longest = 0;
    for (int i = 0; i < m; i++) {
      int j = classOf[s.batch().labels().get(i)];
      double dx = s.centers().before().x(j) - s.batch().features().x(i);
      double dy = s.centers().before().y(j) - s.batch().features().y(i);
      longest = Math.max(longest, lambda * Math.hypot(dx, dy) / m);
    }
    double magnification = magnification(longest * pixelsPerUnit);
    for (int i = 0; i < m; i++) {
      int digit = s.batch().labels().get(i);
      int j = classOf[digit];
      if (selected >= 0 && j != selected) {
        continue;
      }
      double x = s.batch().features().x(i);
      double y = s.batch().features().y(i);
      double cx = s.centers().before().x(j);
      double cy = s.centers().before().y(j);
      marks.add(new Mark(x, y, cx, cy, digit, Mark.Kind.LINE));
      if (lambda > 0) {
        double k = magnification * lambda / m;
        marks.add(new Mark(x, y, x + k * (cx - x), y + k * (cy - y), digit, Mark.Kind.FORCE));
      }
    }
    return lambda > 0
        ? Messages.text("step.pullDrawn", formatFactor(magnification))
        : Messages.text("step.noPull");
  }

  /** Digit to class index for a step's settings (-1 for a digit training never saw). */
  static int[] classOfDigit(StepSnapshot s) {
    int[] classOf = new int[31];
    Arrays.fill(classOf, -1);
    int[] digits = s.hyperparameters().classDigits();
    for (int j = 0; j < digits.length; j++) {
      classOf[digits[j]] = j;
    }
    return classOf;
  }

  private static double longestCenterMove(StepSnapshot s) {
    double longest = 0;
    for (int j = 0; j < s.classes(); j++) {
      longest =
          Math.max(
              longest,
              Math.hypot(
                  s.centers().after().x(j) - s.centers().before().x(j),
                  s.centers().after().y(j) - s.centers().before().y(j)));
    }
    return longest;
  }

  /**
   * One step moves a center by a few pixels, hidden under its own marker. Such arrows are drawn
   * longer by a round factor (1, 2, 5, 10, 20, ...), which the caption states.
   */
  static double magnification(double longestPixels) {
    if (longestPixels <= 0 || longestPixels >= VISIBLE_MOVE_PIXELS) {
      return 1;
    }
    double factor = 1;
    int i = 0;
    while (longestPixels * factor < VISIBLE_MOVE_PIXELS && factor < 1e6) {
      factor = new double[] {2, 5, 10}[i % 3] * Math.pow(10, i / 3);
      i++;
    }
    return factor;
  }

  private static String formatFactor(double factor) {
    return factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
  }
}
