package lab.centerloss.ui.openset;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.OpenSetEvaluation;
import lab.centerloss.train.OpenSetScores;
import lab.centerloss.train.OpenSetScores.Score;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.ui.common.WhileShown;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.ProbedState;
import lab.centerloss.ui.model.RunHistory;

/**
 * The open-set view: which digits are known, the score that decides "known", a threshold on it, and
 * what that threshold does to the test images the probe holds (known and unknown), with the AUROC
 * of every score and the OSCR. It also says what the plane should shade: the classifier's decision
 * regions, and the region the threshold accepts.
 */
public final class OpenSetViewModel {
  /** Presets of the known digits: the common 6/4 protocol, and all ten (the closed set). */
  public static final int PROTOCOL = Hyperparameters.OPEN_SET_DIGITS;

  private final RunHistory history;
  private final LiveTraining training;
  private final ObjectProperty<Score> score = new SimpleObjectProperty<>(Score.CENTER_DISTANCE);

  /** The threshold as a position in [0, 1] between the probe's lowest and highest score. */
  private final DoubleProperty thresholdPosition = new SimpleDoubleProperty(0.5);

  private final BooleanProperty showRegions = new SimpleBooleanProperty(false);
  private final BooleanProperty showUnknowns = new SimpleBooleanProperty(true);
  private final ReadOnlyObjectWrapper<OpenSetEvaluation> evaluation = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper thresholdText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper outcomesText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper aurocText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper splitText = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<OpenSetScores.CurvePoint[]> curve =
      new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<double[]> curveMark = new ReadOnlyObjectWrapper<>();
  private final BooleanBinding openSet;
  private StepSnapshot evaluated;
  private final BooleanProperty panelShown = new SimpleBooleanProperty(true);
  // The regions on the plane need the evaluation even while the panel is hidden.
  private final WhileShown refreshing = new WhileShown(this::refresh);

  public OpenSetViewModel(RunHistory history, LiveTraining training) {
    this.history = history;
    this.training = training;
    openSet =
        Bindings.createBooleanBinding(
            () -> training.hyperparametersProperty().get().isOpenSet(),
            training.hyperparametersProperty());
    refreshing.shownProperty().bind(panelShown.or(showRegions));
    history.shownProperty().addListener(o -> refreshing.request());
    score.addListener(o -> refreshing.request());
    thresholdPosition.addListener(o -> refreshing.request());
    training.hyperparametersProperty().addListener(o -> refreshing.request());
    refreshing.request();
  }

  /** Trains on these digits only (a new run starts); the others become the unknowns. */
  public void useKnownDigits(int digits) {
    training.setHyperparameters(training.hyperparametersProperty().get().withKnownDigits(digits));
  }

  private void refresh() {
    Hyperparameters hp = training.hyperparametersProperty().get();
    splitText.set(
        hp.isOpenSet()
            ? Messages.text(
                "openset.split",
                Hyperparameters.describeDigits(hp.knownDigits()),
                Hyperparameters.describeDigits(Hyperparameters.ALL_DIGITS & ~hp.knownDigits()))
            : Messages.text("openset.closed"));
    StepSnapshot s = history.shownProperty().getValue();
    int others = s == null || s.probe().isEmpty() ? 0 : s.probe().get().otherDataImages();
    if (others > 0) {
      splitText.set(splitText.get() + "\n" + Messages.text("openset.otherData", others));
    }
    if (s == null || s.probe().isEmpty()) {
      evaluation.set(null);
      evaluated = null;
      showNoProbe();
      return;
    }
    if (s != evaluated) {
      evaluated = s;
      evaluation.set(evaluate(s));
    }
    OpenSetEvaluation e = evaluation.get();
    if (e == null) {
      showNoProbe(); // its step is no longer kept
      return;
    }
    double threshold = threshold();
    // shown raw, so a distance accepts at or below its threshold and every other score at or above
    thresholdText.set(
        Messages.text(
            score.get() == Score.CENTER_DISTANCE
                ? "openset.thresholdBelow"
                : "openset.thresholdAbove",
            Messages.label(score.get()),
            score.get().raw(threshold)));
    OpenSetScores.Outcomes o = e.outcomes(score.get(), threshold);
    outcomesText.set(
        Messages.text(
            "openset.outcomes",
            o.knownRight(),
            o.knownWrong(),
            o.knownRejected(),
            o.unknownAccepted(),
            o.unknownRejected(),
            rate(o.knownRight(), o.knowns()),
            rate(o.unknownAccepted(), o.unknowns()),
            100 * e.closedAccuracy()));
    if (o.unknowns() == 0) {
      aurocText.set(Messages.text("openset.noUnknowns"));
      curve.set(null);
      curveMark.set(null);
      return;
    }
    StringBuilder aurocs = new StringBuilder();
    for (Score each : Score.values()) {
      aurocs
          .append(
              Messages.text("openset.aurocLine", Messages.label(each), e.auroc(each), e.oscr(each)))
          .append('\n');
    }
    aurocText.set(aurocs.toString().strip());
    curve.set(OpenSetScores.oscrCurve(e.values(score.get()), e.knownFlags(), e.correctFlags()));
    curveMark.set(
        new double[] {
          (double) o.unknownAccepted() / o.unknowns(),
          (double) o.knownRight() / Math.max(1, o.knowns())
        });
  }

  private void showNoProbe() {
    thresholdText.set("");
    outcomesText.set(Messages.text("openset.noProbe"));
    aurocText.set("");
    curve.set(null);
    curveMark.set(null);
  }

  /**
   * The probe a step carries, scored with the head and centers of the step the probe was taken
   * after. While training runs the probe is taken every few steps, so the step shown may be later
   * than its probe: its own head would score features it did not make.
   */
  private OpenSetEvaluation evaluate(StepSnapshot s) {
    return history
        .probedState(s)
        .map(
            made ->
                OpenSetEvaluation.of(
                    s.probe().get(), made.head(), made.centers(), made.hyperparameters()))
        .orElse(null);
  }

  private static double rate(int part, int whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }

  /** The threshold on the chosen score, from the slider's position over the probe's scores. */
  public double threshold() {
    OpenSetEvaluation e = evaluation.get();
    if (e == null || e.size() == 0) {
      return 0;
    }
    double[] values = e.values(score.get());
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    return min + thresholdPosition.get() * (max - min);
  }

  /**
   * The shading the plane draws for this view: decision regions and the accepted region of the
   * score at its threshold; null when there is nothing to shade.
   */
  public PlaneScene.Regions regions() {
    StepSnapshot s = history.shownProperty().getValue();
    if (!showRegions.get() || s == null) {
      return null;
    }
    // shaded with the network that made the probe's points, as the panel's numbers are
    ProbedState made = history.probedState(s).orElse(null);
    if (made == null) {
      return null;
    }
    Hyperparameters hp = made.hyperparameters();
    return new PlaneScene.Regions(
        hp.head(),
        made.head().weights(),
        made.head().bias().orElse(null),
        hp.scale(),
        made.centers(),
        score.get(),
        threshold(),
        hp.knownDigits());
  }

  public static List<Score> scores() {
    return List.of(Score.values());
  }

  /**
   * Whether the panel is on screen. While it is not, and the plane shades no regions, a new probe
   * is not scored (see {@link WhileShown}): scoring 2,000 features on every probe cost the JavaFX
   * thread time the visible picture needed.
   */
  public BooleanProperty panelShownProperty() {
    return panelShown;
  }

  public ObjectProperty<Score> scoreProperty() {
    return score;
  }

  public DoubleProperty thresholdPositionProperty() {
    return thresholdPosition;
  }

  public BooleanProperty showRegionsProperty() {
    return showRegions;
  }

  public BooleanProperty showUnknownsProperty() {
    return showUnknowns;
  }

  public ReadOnlyObjectProperty<OpenSetEvaluation> evaluationProperty() {
    return evaluation.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty thresholdTextProperty() {
    return thresholdText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty outcomesTextProperty() {
    return outcomesText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty aurocTextProperty() {
    return aurocText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty splitTextProperty() {
    return splitText.getReadOnlyProperty();
  }

  /** The OSCR curve of the chosen score (x: unknowns accepted, y: knowns accepted and right). */
  public ReadOnlyObjectProperty<OpenSetScores.CurvePoint[]> curveProperty() {
    return curve.getReadOnlyProperty();
  }

  /** Where the threshold sits on that curve. */
  public ReadOnlyObjectProperty<double[]> curveMarkProperty() {
    return curveMark.getReadOnlyProperty();
  }

  public BooleanBinding openSetProperty() {
    return openSet;
  }

  public LiveTraining training() {
    return training;
  }

  /** The language changed: every text this panel made is made again in it. */
  public void refreshTexts() {
    refreshing.request();
  }
}
