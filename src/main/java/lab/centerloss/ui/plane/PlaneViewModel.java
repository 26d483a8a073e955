package lab.centerloss.ui.plane;

import java.util.Comparator;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import lab.centerloss.plot.AngleScene;
import lab.centerloss.plot.MarginGeometry;
import lab.centerloss.plot.OwnScaleInset;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.plot.PlaneScenes;
import lab.centerloss.plot.PlaneStyle;
import lab.centerloss.plot.ViewWindow;
import lab.centerloss.plot.WorldBox;
import lab.centerloss.store.RunRecord;
import lab.centerloss.text.Message;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.ViewOptions;

/**
 * What one feature plane shows and how the user moves it: the run's shown step, animated; zoom, pan
 * and the automatic view; which center a click lands on. No control in sight: the {@link
 * FeaturePlane} asks it for a scene each frame and hands it the mouse.
 */
public final class PlaneViewModel {
  /** Screen distance within which a click picks a center. */
  static final double PICK_RADIUS = 24;

  private final RunHistory history;
  private final ViewOptions options;
  private final PlaneAnimator animator = new PlaneAnimator();
  private UnaryOperator<PlaneScene> overlay = scene -> scene;
  private Supplier<PlaneScene.Regions> regions = () -> null;
  private StepSnapshot accepted;
  private RunOrigin acceptedOrigin;
  private boolean probedStepsOnly;

  public PlaneViewModel(RunHistory history, ViewOptions options) {
    this.history = history;
    this.options = options;
    options.followDataProperty().addListener((o, was, now) -> animator.setFollowing(now));
  }

  /**
   * Something drawn instead of the plain plane while it is active (the step-through's phases):
   * given the live scene, it returns the scene to draw.
   */
  public void setOverlay(UnaryOperator<PlaneScene> replacement) {
    overlay = replacement;
  }

  /** What the open-set view shades under the points, when it does (null: nothing). */
  public void setRegions(Supplier<PlaneScene.Regions> source) {
    regions = source;
  }

  /** The digit drawn on the pad, marked on the plane when it can be (null: nothing). */
  public void setDrawn(Supplier<PlaneScene.Drawn> source) {
    drawn = source;
  }

  private Supplier<PlaneScene.Drawn> drawn = () -> null;
  private BooleanSupplier unknownsShown = () -> true;
  private BooleanSupplier pickingPoints = () -> false;
  private IntConsumer onPointPicked = index -> {};
  private Function<PlaneScene, PlaneScene.Pair> pair = scene -> null;

  /** The last scene drawn, with every test point: what a click picks from. */
  private PlaneScene lastScene;

  /**
   * While {@code active} says so, a click picks the test image nearest to it (its index in the
   * probe) instead of a center: the verification panel's "pick a pair".
   */
  public void setPointPicking(BooleanSupplier active, IntConsumer picked) {
    pickingPoints = active;
    onPointPicked = picked;
  }

  /**
   * Two picked test images, marked on the plane; given the scene as drawn (its test points in the
   * probe's order, where they are this frame), it returns the pair to mark or null.
   */
  public void setPair(Function<PlaneScene, PlaneScene.Pair> source) {
    pair = source;
  }

  /** Whether the open set's unknown test digits are drawn (the open-set view's switch). */
  public void setUnknownsShown(BooleanSupplier shown) {
    unknownsShown = shown;
  }

  /**
   * Draws each step as its probe saw it: the test cloud, the batch and the centers all of the step
   * the probe shown was taken after, and the caption naming that step. For the comparison, whose
   * probes come every few dozen steps: drawn with a later step's centers, the clouds would sit far
   * from their centers early on, and the picture would not match the caption's numbers, which are
   * measured with the probe's own step's centers.
   */
  public void showProbedStepsOnly(boolean on) {
    probedStepsOnly = on;
    animator.setGlideTogether(on);
  }

  /**
   * The step drawn: the one shown, or with {@link #showProbedStepsOnly}, the step of its probe (the
   * shown step itself when that step was not kept; null for the run's origin, step 0).
   */
  private StepSnapshot drawnStep() {
    StepSnapshot shown = history.shownProperty().getValue();
    if (!probedStepsOnly || shown == null || shown.probe().isEmpty()) {
      return shown;
    }
    long probeStep = shown.probe().get().step();
    if (probeStep == 0 && history.originProperty().get() != null) {
      return null;
    }
    // Found again only when the probe or the run changes: the run hands out a new snapshot each
    // time it is asked, and a new one each frame would restart the glides and grow the trails.
    if (history.record() != probedRecord || probeStep != probedStep) {
      probedRecord = history.record();
      probedStep = probeStep;
      probedSnapshot = probeStep == shown.step() ? shown : history.at(probeStep).orElse(null);
    }
    return probedSnapshot != null ? probedSnapshot : shown; // a probe step not kept: the step shown
  }

  /**
   * With {@link #showProbedStepsOnly}: the step drawn, and the run and probe step it was found for.
   */
  private StepSnapshot probedSnapshot;

  private RunRecord probedRecord;
  private long probedStep = -1;

  /** The scene for this frame, on a canvas of the given size. */
  public PlaneScene sceneAt(long now, double width, double height) {
    takeShown(now);
    StepSnapshot shown = drawnStep();
    RunOrigin origin = history.originProperty().get();
    String caption =
        shown != null
            ? PlaneScenes.caption(shown)
            : origin != null ? PlaneScenes.projectionNote(origin.hyperparameters()) : "";
    PlaneScene live =
        animator.sceneAt(
            now,
            width,
            height,
            new PlaneAnimator.SceneOptions(
                options.showTestProperty().get(), options.showTrainProperty().get(),
                options.showTrailsProperty().get(), options.showLegendProperty().get(),
                options.selectedClassProperty().get(), caption));
    Hyperparameters hp =
        shown != null ? shown.hyperparameters() : origin != null ? origin.hyperparameters() : null;
    // the open-set regions score every point of the plane as a feature: of a projection, that
    // would shade what no feature decides, so a projected plane has none
    boolean projected = hp != null && hp.isProjected();
    PlaneScene scene =
        live.withKnownDigits(knownDigits())
            .withRegions(projected ? null : regions.get())
            .withDrawn(drawn.get());
    scene = scene.withPair(pair.apply(scene));
    lastScene = scene;
    return overlay.apply(unknownsShown.getAsBoolean() ? scene : scene.withoutUnknowns());
  }

  /** The digits the run shown trains on. */
  private int knownDigits() {
    StepSnapshot shown = history.shownProperty().getValue();
    if (shown != null) {
      return shown.hyperparameters().knownDigits();
    }
    RunOrigin origin = history.originProperty().get();
    return origin == null ? Hyperparameters.ALL_DIGITS : origin.hyperparameters().knownDigits();
  }

  /** Hands the animator the step to show (or the run's origin), when it changed. */
  private void takeShown(long now) {
    StepSnapshot shown = drawnStep();
    RunOrigin origin = history.originProperty().get();
    if (shown != null && shown != accepted) {
      animator.accept(shown, now);
      accepted = shown;
    } else if (shown == null && origin != null && (origin != acceptedOrigin || accepted != null)) {
      animator.acceptOrigin(origin, now);
      acceptedOrigin = origin;
      accepted = null;
    } else if (shown == null && origin == null && (accepted != null || acceptedOrigin != null)) {
      animator.clear();
      accepted = null;
      acceptedOrigin = null;
    }
  }

  /** Zooms by a factor around a screen point; the view stops following the data. */
  public void zoom(double factor, double x, double y, double width, double height) {
    choose(animator.view(width, height).zoomAt(factor, x, y, width, height));
  }

  public void pan(double dx, double dy, double width, double height) {
    choose(animator.view(width, height).panByPixels(dx, dy));
  }

  private void choose(ViewWindow view) {
    animator.setView(view);
    options.followDataProperty().set(false);
    viewChosen.accept(view);
  }

  private Consumer<ViewWindow> viewChosen = view -> {};

  /**
   * Told of every view the user chooses (wheel, drag): planes with shared axes follow each other.
   */
  public void setOnViewChosen(Consumer<ViewWindow> listener) {
    viewChosen = listener;
  }

  /** Shows a view chosen on another plane; this plane stops following the data too. */
  public void showView(ViewWindow view) {
    animator.setView(view);
  }

  /** The extent of what this plane shows, which its view follows. */
  public WorldBox dataBox() {
    return animator.dataBox();
  }

  /**
   * What decides this plane's inset at its own scale ({@link OwnScaleInset}) each frame: the
   * comparison's shared axes. None by default.
   */
  public void setInset(InsetSource source) {
    inset = source;
  }

  private InsetSource inset = (now, scene, width, height, style) -> Optional.empty();

  /** The inset to draw over this frame's scene, if any. */
  public Optional<OwnScaleInset.Placement> insetAt(
      long now, PlaneScene scene, double width, double height, PlaneStyle style) {
    return inset.at(now, scene, width, height, style);
  }

  /** Decides a plane's inset for a frame: its scene as drawn, its size and style. */
  @FunctionalInterface
  public interface InsetSource {
    Optional<OwnScaleInset.Placement> at(
        long now, PlaneScene scene, double width, double height, PlaneStyle style);
  }

  /** Follow another extent than this plane's own (shared axes); null returns to its own. */
  public void setSharedExtent(Supplier<WorldBox> extent) {
    animator.setSharedTarget(extent);
  }

  /**
   * A click: selects the center under it (or unselects), as the digit keys do; while points are
   * being picked, picks the test image under it instead.
   */
  public void clickAt(double x, double y, double width, double height) {
    if (pickingPoints.getAsBoolean()) {
      if (lastScene != null) {
        nearestPoint(
                lastScene,
                unknownsShown.getAsBoolean(),
                animator.view(width, height),
                x,
                y,
                width,
                height)
            .ifPresent(onPointPicked::accept);
      }
      return;
    }
    StepSnapshot shown = drawnStep();
    Vec2List centers =
        shown != null
            ? shown.centers().after()
            : history.originProperty().get() != null
                ? history.originProperty().get().centers()
                : null;
    if (centers == null) {
      return;
    }
    nearestCenter(centers, animator.view(width, height), x, y, width, height)
        .ifPresentOrElse(
            j -> options.toggleClass(j, centers.size()),
            () -> options.selectedClassProperty().set(-1));
  }

  /**
   * The index of the test point within {@link #PICK_RADIUS} pixels of a screen point, the nearest
   * one; the unknown digits' only if they are drawn.
   */
  static Optional<Integer> nearestPoint(
      PlaneScene scene,
      boolean unknownsDrawn,
      ViewWindow view,
      double x,
      double y,
      double width,
      double height) {
    Vec2List points = scene.testPoints();
    int nearest = -1;
    double best = PICK_RADIUS;
    for (int i = 0; i < points.size(); i++) {
      if (!unknownsDrawn && !scene.isKnown(scene.testLabels().get(i))) {
        continue;
      }
      double d =
          Math.hypot(
              view.toScreenX(points.x(i), width) - x, view.toScreenY(points.y(i), height) - y);
      if (d < best) {
        best = d;
        nearest = i;
      }
    }
    return nearest < 0 ? Optional.empty() : Optional.of(nearest);
  }

  /** The center within {@link #PICK_RADIUS} pixels of a screen point, the nearest one. */
  static Optional<Integer> nearestCenter(
      Vec2List centers, ViewWindow view, double x, double y, double width, double height) {
    int nearest = -1;
    double best = PICK_RADIUS;
    for (int j = 0; j < centers.size(); j++) {
      double d =
          Math.hypot(
              view.toScreenX(centers.x(j), width) - x, view.toScreenY(centers.y(j), height) - y);
      if (d < best) {
        best = d;
        nearest = j;
      }
    }
    return nearest < 0 ? Optional.empty() : Optional.of(nearest);
  }

  /**
   * The unit-circle view of the shown step, for the normalized heads; empty for softmax, and for a
   * feature of more than two dimensions, whose class directions do not lie on one circle ({@link
   * #angleAbsence}).
   */
  public Optional<AngleScene> angleScene() {
    StepSnapshot s = drawnStep();
    if (s == null
        || !s.hyperparameters().head().isNormalized()
        || s.hyperparameters().isProjected()) {
      return Optional.empty();
    }
    Vec2List none = Vec2List.copyOf(new float[0]);
    IntVector noLabels = IntVector.copyOf(new int[0]);
    boolean test = options.showTestProperty().get() && s.probe().isPresent();
    boolean train = options.showTrainProperty().get();
    return Optional.of(
        new AngleScene(
            test ? s.probe().get().features() : none,
            test ? s.probe().get().labels() : noLabels,
            train ? s.batch().features() : none,
            train ? s.batch().labels() : noLabels,
            s.head().weights(),
            s.hyperparameters().head(),
            s.marginInForce(),
            options.selectedClassProperty().get(),
            s.hyperparameters().knownDigits()));
  }

  /**
   * Why the unit-circle view has no picture: no step yet, or a feature of more than two dimensions,
   * where the angles and the margin's wedges between neighbouring class directions exist only on a
   * plane that the projection is not.
   */
  public Message angleAbsence() {
    StepSnapshot s = drawnStep();
    RunOrigin origin = history.originProperty().get();
    Hyperparameters hp =
        s != null ? s.hyperparameters() : origin != null ? origin.hyperparameters() : null;
    return hp != null && hp.isProjected()
        ? Message.of("margin.only2d", hp.featureDim())
        : Message.of("margin.anglesAfterFirstStep");
  }

  /**
   * What the unit-circle view's tooltip says of the step shown: NormFace draws no wedge; a margin
   * head shades the wedge its margin leaves to neither class, and more strongly a gap between two
   * neighbouring directions too narrow for the margin, named with its width and the bound it
   * misses.
   */
  public Message wedgeTip() {
    Optional<AngleScene> shown = angleScene();
    if (shown.isEmpty()) {
      return angleAbsence();
    }
    if (!shown.get().head().usesMargin()) {
      return Message.of("margin.tip.noMargin");
    }
    AngleScene scene = shown.get();
    double[] angles = new double[scene.classWeights().size()];
    for (int j = 0; j < angles.length; j++) {
      angles[j] = Math.atan2(scene.classWeights().y(j), scene.classWeights().x(j));
    }
    Optional<MarginGeometry.Wedge> narrowest =
        MarginGeometry.wedges(angles, scene.head(), scene.margin()).stream()
            .filter(MarginGeometry.Wedge::unreachable)
            .min(Comparator.comparingDouble(MarginGeometry.Wedge::width));
    if (narrowest.isEmpty()) {
      return Message.of("margin.wedgeTip");
    }
    MarginGeometry.Wedge gap = narrowest.get();
    int lower = scene.classDigit(gap.lowerClass());
    int upper = scene.classDigit(gap.upperClass());
    double degrees = Math.toDegrees(gap.width());
    // of n directions on a circle the closest two are at most 360/n degrees apart
    int classes = angles.length;
    double widest = 360.0 / classes;
    return scene.head() == HeadKind.ARCFACE
        ? Message.of(
            "margin.tip.arcFaceGap",
            lower,
            upper,
            degrees,
            Math.toDegrees(scene.margin()),
            classes,
            widest)
        : Message.of(
            "margin.tip.cosFaceGap",
            lower,
            upper,
            degrees,
            1 - Math.cos(gap.width()),
            scene.margin(),
            classes,
            widest,
            1 - Math.cos(Math.toRadians(widest)));
  }

  public ViewWindow currentView(double width, double height) {
    return animator.view(width, height);
  }
}
