package lab.centerloss.ui.compare;

import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import lab.centerloss.plot.OwnScaleInset;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.plot.PlaneStyle;
import lab.centerloss.plot.ViewWindow;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Verification;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.ViewOptions;
import lab.centerloss.ui.plane.PlaneViewModel;

/** One plane of the comparison: its run, its plane and its caption. */
public final class ComparePane {
  private final RunHistory history = new RunHistory();
  private final PlaneViewModel plane;
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper numbers = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(false);

  /** The step the numbers were made for: they are made again only when the step shown changes. */
  private StepSnapshot described;

  private boolean describedVerification;
  private IntVector pairedLabels;
  private int pairedKnown = -1;
  private Verification.Pairs pairs;
  private boolean pairsUnseen;

  /**
   * The inset's view as it eases towards its cloud, with the time and size it was made for; null
   * while no inset is shown.
   */
  private ViewWindow insetView;

  private long insetTime;
  private double insetWidth;
  private double insetHeight;

  /** The inset's view eases as the plane's own does (PlaneAnimator), over about 0.4 s. */
  private static final double INSET_TIME_CONSTANT = 0.4;

  ComparePane(ViewOptions options) {
    plane = new PlaneViewModel(history, options);
    plane.showProbedStepsOnly(
        true); // probes are rare here: points and centers of one step, as the numbers are
  }

  /**
   * A new plan: the run starts empty; a pane the plan does not use is hidden ({@code title} null).
   */
  void startRun(String runTitle) {
    history.dropIncoming();
    history.clear();
    visible.set(runTitle != null);
    title.set(runTitle == null ? "" : runTitle);
    numbers.set("");
    described = null;
  }

  /** The language changed: a new title, and the numbers made again at the next frame. */
  void retitle(String runTitle) {
    title.set(runTitle);
    described = null;
  }

  /**
   * Makes the caption's numbers for the step shown, if it or the figures asked for changed (a
   * hidden pane waits).
   */
  void describeShownStep(boolean verificationFigures) {
    StepSnapshot shown = history.shownProperty().getValue();
    if ((shown != described || verificationFigures != describedVerification) && visible.get()) {
      described = shown;
      describedVerification = verificationFigures;
      if (shown == null) {
        numbers.set("");
      } else if (verificationFigures) {
        numbers.set(
            PaneCaptions.verification(
                shown, history.probedState(shown).orElse(null), pairsFor(shown), pairsUnseen));
      } else {
        numbers.set(PaneCaptions.numbers(shown, history.probedState(shown).orElse(null)));
      }
    }
  }

  /**
   * This frame's inset at the pane's own scale: with shared axes, when they draw the pane's cloud
   * small ({@link OwnScaleInset#place}); its view eases towards the cloud's extent as the plane's
   * does, so that the inset does not jump while the points glide to a new probe.
   *
   * @param shared whether the comparison's axes are shared (without, the plane is at its own scale)
   */
  Optional<OwnScaleInset.Placement> insetAt(
      long now, PlaneScene scene, double width, double height, PlaneStyle style, boolean shared) {
    Optional<OwnScaleInset.Placement> target =
        shared
            ? OwnScaleInset.place(
                plane.dataBox(), scene.view(), width, height, style, scene.showLegend())
            : Optional.empty();
    if (target.isEmpty()) {
      insetView = null;
      return target;
    }
    OwnScaleInset.Placement goal = target.get();
    if (insetView == null || goal.width() != insetWidth || goal.height() != insetHeight) {
      insetView = goal.view(); // a new inset, or a new size: at once
    } else {
      insetView =
          insetView.approach(
              goal.view(), ViewWindow.easingFraction((now - insetTime) / 1e9, INSET_TIME_CONSTANT));
    }
    insetTime = now;
    insetWidth = goal.width();
    insetHeight = goal.height();
    return Optional.of(goal.withView(insetView, scene.view()));
  }

  /**
   * The verification pairs of the shown probe's labels, drawn once per label list: of the digits
   * the run never saw, or of the known ones when fewer than two are unseen.
   */
  private Verification.Pairs pairsFor(StepSnapshot shown) {
    ProbeResult probe = shown.probe().orElse(null);
    if (probe == null) {
      return null;
    }
    if (probe.labels() != pairedLabels || probe.knownDigits() != pairedKnown) {
      pairedLabels = probe.labels();
      pairedKnown = probe.knownDigits();
      Verification.Pairs unseen =
          Verification.pairs(
              probe.labels(),
              Hyperparameters.ALL_DIGITS & ~probe.knownDigits(),
              Verification.PAIR_SEED,
              Verification.GENUINE_PAIRS,
              Verification.IMPOSTOR_PAIRS);
      pairsUnseen = !unseen.isEmpty();
      pairs =
          pairsUnseen
              ? unseen
              : Verification.pairs(
                  probe.labels(),
                  probe.knownDigits(),
                  Verification.PAIR_SEED,
                  Verification.GENUINE_PAIRS,
                  Verification.IMPOSTOR_PAIRS);
    }
    return pairs;
  }

  public RunHistory history() {
    return history;
  }

  public PlaneViewModel plane() {
    return plane;
  }

  /** What this pane's run is: the setting compared. */
  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  /**
   * Its live numbers: accuracy, spread, nearest centers, their ratio (and the angle for normalized
   * heads).
   */
  public ReadOnlyStringProperty numbersProperty() {
    return numbers.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty visibleProperty() {
    return visible.getReadOnlyProperty();
  }
}
