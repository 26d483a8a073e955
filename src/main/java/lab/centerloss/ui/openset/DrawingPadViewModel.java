package lab.centerloss.ui.openset;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import lab.centerloss.data.DigitPreparation;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.text.Messages;
import lab.centerloss.train.DrawnFeature;
import lab.centerloss.train.FloatVector;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.OpenSetScores;
import lab.centerloss.train.OpenSetScores.Score;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;
import lab.centerloss.ui.common.FxThread;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;

/**
 * The drawing pad: a student draws, the drawing is prepared as MNIST's digits were ({@link
 * DigitPreparation}), the trainer runs it through the live network between two steps, and the plane
 * shows where it lands, with the class predicted, the chosen score and whether the open-set
 * threshold accepts it. The pad is re-run after every step while training goes on, so the marker
 * moves with the network. At most one drawing is on its way to the trainer at a time.
 */
public final class DrawingPadViewModel {
  /** The ink's side in pixels (four times MNIST's resolution). */
  public static final int SIDE = PadInk.SIDE;

  private final RunHistory history;
  private final LiveTraining training;
  private final OpenSetViewModel openSet;
  private final Executor onUiThread;
  private final PadInk ink = new PadInk(this::inkChanged);
  private final ReadOnlyLongWrapper inkRevision = new ReadOnlyLongWrapper();
  private final ReadOnlyObjectWrapper<byte[]> prepared = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<DrawnFeature> feature = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper verdict =
      new ReadOnlyStringWrapper(Messages.text("drawing.empty"));
  private boolean inFlight;

  /** Where the drawing lands, for the plane; null when it cannot be drawn. */
  private PlaneScene.Drawn mark;

  /** The last drawing could not go through the network (no trainer ready). */
  private boolean unavailable;

  private boolean again;

  /** Counts changes of the drawing: an answer for an earlier drawing is not shown. */
  private long drawingVersion;

  public DrawingPadViewModel(RunHistory history, LiveTraining training, OpenSetViewModel openSet) {
    this(history, training, openSet, FxThread::run);
  }

  /**
   * @param onUiThread where the trainer's answers are taken in (the JavaFX thread in the window)
   */
  DrawingPadViewModel(
      RunHistory history, LiveTraining training, OpenSetViewModel openSet, Executor onUiThread) {
    this.history = history;
    this.training = training;
    this.openSet = openSet;
    this.onUiThread = onUiThread;
    // the network moved (or another run is shown): where the drawing lands is asked again
    history.shownProperty().addListener(o -> networkChanged());
    history
        .originProperty()
        .addListener(
            o -> {
              feature.set(
                  null); // a new run: step numbers start again, an answer of the old one means
              // nothing
              networkChanged();
            });
    feature.addListener(o -> refresh());
    openSet.scoreProperty().addListener(o -> refresh());
    openSet.thresholdPositionProperty().addListener(o -> refresh());
    openSet.evaluationProperty().addListener(o -> refresh());
  }

  /** Puts the pen down at (x, y), each in [0, 1] of the pad's side. */
  public void penDown(double x, double y) {
    ink.penDown(x, y);
  }

  /** Draws a line from where the pen was to (x, y). */
  public void penTo(double x, double y) {
    ink.penTo(x, y);
  }

  public void penUp() {
    ink.penUp();
  }

  public void clear() {
    ink.clear();
  }

  private void inkChanged() {
    drawingVersion++;
    inkRevision.set(inkRevision.get() + 1);
    prepared.set(DigitPreparation.prepare(ink.coverage(), SIDE, SIDE).orElse(null));
    feature.set(null);
    ask();
    refresh();
  }

  private void networkChanged() {
    if (prepared.get() != null) {
      ask();
    }
    refresh();
  }

  /**
   * Sends the drawing to the trainer, or marks it to be sent when the one on its way comes back.
   */
  private void ask() {
    byte[] image = prepared.get();
    if (image == null) {
      return;
    }
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    long version = drawingVersion;
    training
        .featureOfDrawing(image)
        .whenComplete(
            (drawn, failure) ->
                onUiThread.execute(
                    () -> {
                      inFlight = false;
                      if (drawn != null && version == drawingVersion) {
                        unavailable = false;
                        feature.set(drawn);
                      } else if (failure != null && !(failure instanceof CancellationException)) {
                        // no trainer yet, or one that failed: said once; a new run asks again
                        unavailable = true;
                        refresh();
                      }
                      if (again) {
                        again = false;
                        ask();
                      }
                    }));
  }

  /** The network state the drawing's feature is to be read against, when it is the one shown. */
  private record Network(
      HeadKind head,
      Vec2List weights,
      FloatVector bias,
      double scale,
      Vec2List centers,
      Hyperparameters hyperparameters) {}

  /**
   * The network that made the drawing's feature, as the run records it: the step it was computed
   * after, when the live run is shown and that step is not later than the one shown. While training
   * runs, the answer may be a step behind the plane; it is read with its own step's head and
   * centers, never with another's.
   */
  private Optional<Network> networkOf(DrawnFeature drawn) {
    if (!history.showingLiveProperty().get()) {
      return Optional.empty();
    }
    StepSnapshot shown = history.shownProperty().getValue();
    if (drawn.step() == 0) {
      RunOrigin origin = history.originProperty().get();
      if (origin == null) {
        return Optional.empty();
      }
      Hyperparameters hp = origin.hyperparameters();
      return Optional.of(
          new Network(
              hp.head(),
              origin.head().weights(),
              origin.head().bias().orElse(null),
              hp.scale(),
              origin.centers(),
              hp));
    }
    if (shown == null || drawn.step() > shown.step()) {
      return Optional.empty();
    }
    return (drawn.step() == shown.step() ? Optional.of(shown) : history.at(drawn.step()))
        .map(
            made -> {
              Hyperparameters hp = made.hyperparameters();
              return new Network(
                  hp.head(),
                  made.headAfter().weights(),
                  made.headAfter().bias().orElse(null),
                  hp.scale(),
                  made.centers().after(),
                  hp);
            });
  }

  /** How the drawing reads against the network shown, or empty when it cannot be read. */
  private record Reading(
      DrawnFeature drawn,
      OpenSetScores.Scored scored,
      int predictedDigit,
      int nearestDigit,
      Vec2List centers,
      Optional<Boolean> accepted) {}

  private Optional<Reading> reading() {
    DrawnFeature drawn = feature.get();
    if (drawn == null || prepared.get() == null) {
      return Optional.empty();
    }
    return networkOf(drawn)
        .map(
            net -> {
              // above two dimensions the point drawn is a projection: the scores, like the
              // probe's that the threshold is placed over, are those of the feature itself
              OpenSetScores.Scored scored =
                  drawn
                      .full()
                      .map(
                          full ->
                              OpenSetScores.score(
                                  full.features(),
                                  0,
                                  net.head(),
                                  full.weights(),
                                  net.bias(),
                                  net.scale(),
                                  full.centers()))
                      .orElseGet(
                          () ->
                              OpenSetScores.score(
                                  drawn.x(),
                                  drawn.y(),
                                  net.head(),
                                  net.weights(),
                                  net.bias(),
                                  net.scale(),
                                  net.centers()));
              int[] digits = net.hyperparameters().classDigits();
              // the threshold is placed over the probe's scores of the step shown; without a probe
              // there is none
              Optional<Boolean> accepted =
                  openSet.evaluationProperty().get() == null
                      ? Optional.empty()
                      : Optional.of(
                          scored.get(openSet.scoreProperty().get()) >= openSet.threshold());
              return new Reading(
                  drawn,
                  scored,
                  digits[scored.predicted()],
                  digits[scored.nearestCenter()],
                  net.centers(),
                  accepted);
            });
  }

  /**
   * The sentence and the plane's mark, made again whenever what they read changes (the drawing, its
   * answer, the step shown, the score or its threshold, the language): the plane asks for the mark
   * every frame and gets it as it is.
   */
  private void refresh() {
    mark = null;
    if (prepared.get() == null) {
      verdict.set(Messages.text("drawing.empty"));
      return;
    }
    DrawnFeature drawn = feature.get();
    if (drawn == null) {
      verdict.set(Messages.text(unavailable ? "drawing.unavailable" : "drawing.waiting"));
      return;
    }
    Optional<Reading> read = reading();
    if (read.isEmpty()) {
      StepSnapshot shown = history.shownProperty().getValue();
      verdict.set(
          Messages.text("drawing.otherStep", drawn.step(), shown == null ? 0 : shown.step()));
      return;
    }
    Reading r = read.get();
    Score score = openSet.scoreProperty().get();
    String decision =
        r.accepted()
            .map(
                yes ->
                    Messages.text(
                        yes ? "drawing.accepted" : "drawing.rejected",
                        score.raw(openSet.threshold())))
            .orElse(Messages.text("drawing.noThreshold"));
    verdict.set(
        Messages.text(
            "drawing.verdict",
            r.predictedDigit(),
            r.nearestDigit(),
            -r.scored().get(Score.CENTER_DISTANCE),
            Messages.label(score),
            score.raw(r.scored().get(score)),
            decision,
            r.drawn().step()));
    mark =
        new PlaneScene.Drawn(
            r.drawn().x(),
            r.drawn().y(),
            r.centers().x(r.scored().nearestCenter()),
            r.centers().y(r.scored().nearestCenter()),
            r.predictedDigit(),
            r.accepted().orElse(null),
            Messages.text(
                    "drawing.planeLabel",
                    r.predictedDigit(),
                    r.accepted()
                        .map(
                            yes ->
                                Messages.text(
                                    yes ? "drawing.acceptedShort" : "drawing.rejectedShort"))
                        .orElse(""))
                .strip());
  }

  /**
   * What the plane draws for the drawing: its feature, a line to the nearest center, a label; or
   * null.
   */
  public PlaneScene.Drawn planeMark() {
    return mark;
  }

  /** The ink, row by row, {@link #SIDE} by {@link #SIDE}, each 0 (paper) to 1; a copy. */
  public float[] ink() {
    return ink.copy();
  }

  /** Changes whenever the ink does: the pad repaints on it. */
  public ReadOnlyLongProperty inkRevisionProperty() {
    return inkRevision.getReadOnlyProperty();
  }

  /** The 28x28 image the network is given (MNIST's bytes), or null when nothing is drawn. */
  public ReadOnlyObjectProperty<byte[]> preparedProperty() {
    return prepared.getReadOnlyProperty();
  }

  /** The trainer's answer for the newest drawing, or null while there is none. */
  public ReadOnlyObjectProperty<DrawnFeature> featureProperty() {
    return feature.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty verdictProperty() {
    return verdict.getReadOnlyProperty();
  }

  /** The language changed. */
  public void refreshTexts() {
    refresh();
  }
}
