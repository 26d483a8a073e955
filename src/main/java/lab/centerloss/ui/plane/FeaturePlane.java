package lab.centerloss.ui.plane;

import java.util.Objects;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import lab.centerloss.plot.OwnScaleInset;
import lab.centerloss.plot.PlaneRenderer;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.plot.PlaneStyle;

/**
 * The feature plane as a control: draws the scenes of its {@link PlaneViewModel} with the shared
 * renderer, zooms with the wheel (and + / − when focused), pans by dragging, and selects the center
 * a click lands on. A window may hold several, each with its own view model.
 */
public final class FeaturePlane extends CanvasControl {
  private static final double KEY_ZOOM = 1.25;
  private final PlaneRenderer renderer = new PlaneRenderer();
  private final OwnScaleInset insetRenderer = new OwnScaleInset();
  private PlaneViewModel viewModel;
  private boolean presentation;
  private boolean light;
  private double dragX;
  private double dragY;
  private boolean dragged;
  private PlaneScene drawnScene;
  private PlaneStyle drawnStyle;
  private OwnScaleInset.Placement drawnInset;
  private double drawnWidth;
  private double drawnHeight;
  private long framesRendered;

  public FeaturePlane() {
    getStyleClass().add("feature-plane");
    setFocusTraversable(true);
    setPainter(
        (gc, width, height, now) -> {
          if (viewModel == null) {
            return;
          }
          PlaneScene scene = viewModel.sceneAt(now, width, height);
          PlaneStyle style =
              (presentation ? PlaneStyle.presentation() : PlaneStyle.normal()).withDark(!light);
          OwnScaleInset.Placement inset =
              viewModel.insetAt(now, scene, width, height, style).orElse(null);
          // The canvas keeps its picture: a scene that has come to rest (paused, or every glide
          // finished) is not drawn again 30 times a second, which left a paused window busy.
          if (scene.equals(drawnScene)
              && style.equals(drawnStyle)
              && Objects.equals(inset, drawnInset)
              && width == drawnWidth
              && height == drawnHeight) {
            return;
          }
          renderer.render(gc, width, height, scene, style);
          if (inset != null) {
            insetRenderer.render(gc, scene, inset, style, width, height);
          }
          drawnScene = scene;
          drawnInset = inset;
          drawnStyle = style;
          drawnWidth = width;
          drawnHeight = height;
          framesRendered++;
        });
    addEventHandler(
        ScrollEvent.SCROLL,
        e -> {
          if (viewModel != null) {
            viewModel.zoom(
                Math.exp(e.getDeltaY() * 0.0025), e.getX(), e.getY(), getWidth(), getHeight());
          }
          e.consume();
        });
    addEventHandler(
        MouseEvent.MOUSE_PRESSED,
        e -> {
          dragX = e.getX();
          dragY = e.getY();
          dragged = false;
          requestFocus();
        });
    addEventHandler(
        MouseEvent.MOUSE_DRAGGED,
        e -> {
          if (viewModel != null) {
            viewModel.pan(e.getX() - dragX, e.getY() - dragY, getWidth(), getHeight());
          }
          dragged = dragged || Math.hypot(e.getX() - dragX, e.getY() - dragY) > 2;
          dragX = e.getX();
          dragY = e.getY();
        });
    addEventHandler(
        MouseEvent.MOUSE_CLICKED,
        e -> {
          if (!dragged && viewModel != null) {
            viewModel.clickAt(e.getX(), e.getY(), getWidth(), getHeight());
          }
        });
    addEventHandler(
        KeyEvent.KEY_PRESSED,
        e -> {
          KeyCode code = e.getCode();
          if (code == KeyCode.PLUS || code == KeyCode.EQUALS || code == KeyCode.ADD) {
            zoomCenter(KEY_ZOOM);
            e.consume();
          } else if (code == KeyCode.MINUS || code == KeyCode.SUBTRACT) {
            zoomCenter(1 / KEY_ZOOM);
            e.consume();
          }
        });
  }

  public void setViewModel(PlaneViewModel model) {
    viewModel = model;
  }

  /** The inset at its own scale drawn in the last frame, or null (none). */
  public OwnScaleInset.Placement drawnInset() {
    return drawnInset;
  }

  /** How many frames this plane has drawn (a frame equal to the last one is not drawn). */
  long framesRendered() {
    return framesRendered;
  }

  public PlaneViewModel viewModel() {
    return viewModel;
  }

  /** Larger text and markers, for a room. */
  public void setPresentation(boolean on) {
    presentation = on;
  }

  /** The projector theme: the plane on white. */
  public void setLight(boolean on) {
    light = on;
  }

  /** Zooms around the middle of the plane. */
  public void zoomCenter(double factor) {
    if (viewModel != null) {
      viewModel.zoom(factor, getWidth() / 2, getHeight() / 2, getWidth(), getHeight());
    }
  }
}
