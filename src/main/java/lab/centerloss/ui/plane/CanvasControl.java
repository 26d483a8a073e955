package lab.centerloss.ui.plane;

import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/**
 * A region that owns one canvas, keeps it the region's size and redraws it from a {@link Painter}
 * on its own timer, at most about 30 times a second and only while it is on screen.
 */
public class CanvasControl extends Region {
  /**
   * Redraw at most about 30 times a second: motion stays smooth on a projector, and on a machine
   * without a GPU the software renderer leaves the processors to training.
   */
  private static final long MIN_FRAME_NANOS = 30_000_000L;

  /** Draws one frame; {@code now} is the frame's time in nanoseconds. */
  @FunctionalInterface
  public interface Painter {
    void paint(GraphicsContext gc, double width, double height, long now);
  }

  private final Canvas canvas = new Canvas();
  private Painter painter = (gc, width, height, now) -> {};
  private long lastDrawn;
  private CanvasesInTurn turns;
  private final AnimationTimer timer =
      new AnimationTimer() {
        @Override
        public void handle(long now) {
          onFrame(now);
        }
      };

  public CanvasControl() {
    getChildren().add(canvas);
    getStyleClass().add("canvas-pane");
    setMinSize(120, 120);
    setPrefSize(800, 600);
    // A canvas that is not on screen keeps every drawing command it is given: a hidden window
    // that kept drawing would fill the memory. So the timer runs only while the window shows.
    sceneProperty()
        .addListener(
            (o, was, scene) -> {
              if (scene == null) {
                timer.stop();
                return;
              }
              scene.windowProperty().addListener((w, oldWindow, window) -> watch(window));
              watch(scene.getWindow());
            });
  }

  private void watch(Window window) {
    if (window == null) {
      timer.stop();
      return;
    }
    window.showingProperty().addListener((s, was, showing) -> run(showing && getScene() != null));
    run(window.isShowing());
  }

  private void run(boolean on) {
    if (on) {
      timer.start();
    } else {
      timer.stop();
    }
  }

  /**
   * Once a frame while the window shows: draws, at most about 30 times a second or when its turn
   * comes.
   */
  void onFrame(long now) {
    boolean due = turns != null ? turns.isTurnOf(this, now) : now - lastDrawn >= MIN_FRAME_NANOS;
    if (due) {
      lastDrawn = now;
      redraw(now);
    }
  }

  /** Draws only in its turn among the group's canvases (see {@link CanvasesInTurn}). */
  void drawInTurns(CanvasesInTurn group) {
    turns = group;
  }

  public void setPainter(Painter painter) {
    this.painter = painter;
  }

  /** Draws now, whatever the timer. */
  public void redraw(long now) {
    double width = canvas.getWidth();
    double height = canvas.getHeight();
    if (width > 0 && height > 0 && shown()) {
      painter.paint(canvas.getGraphicsContext2D(), width, height, now);
    }
  }

  /**
   * Whether this control and every parent are visible: a tab not selected, or the comparison while
   * one run is shown, hides a parent, and a canvas painted there every frame costs the JavaFX
   * thread and the renderer time the visible picture needs.
   */
  private boolean shown() {
    for (Node node = this; node != null; node = node.getParent()) {
      if (!node.isVisible()) {
        return false;
      }
    }
    return true;
  }

  public Canvas canvas() {
    return canvas;
  }

  @Override
  protected void layoutChildren() {
    double width = snapSizeX(getWidth());
    double height = snapSizeY(getHeight());
    if (canvas.getWidth() != width || canvas.getHeight() != height) {
      canvas.setWidth(width);
      canvas.setHeight(height);
    }
    canvas.relocate(0, 0);
  }
}
