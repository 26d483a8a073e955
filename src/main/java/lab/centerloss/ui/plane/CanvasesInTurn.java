package lab.centerloss.ui.plane;

import java.util.List;

/**
 * Canvases that draw one per frame, in turn, instead of each at its own pace: with four planes side
 * by side each is drawn 15 times a second (two: 30), and a frame of the window costs one plane's
 * drawing. Drawn all in the same frame, four planes held the JavaFX thread for up to 110 ms while
 * their runs trained ({@code bench-ui --compare lambda}). Each canvas keeps its own timer, which
 * runs only while its window shows; the group only says whose turn a frame is.
 */
public final class CanvasesInTurn {
  private final List<CanvasControl> canvases;
  private long frame = Long.MIN_VALUE;
  private int turn;

  private CanvasesInTurn(List<? extends CanvasControl> canvases) {
    this.canvases = List.copyOf(canvases);
    this.canvases.forEach(c -> c.drawInTurns(this));
  }

  /** From now on these canvases draw in turn. */
  public static CanvasesInTurn group(List<? extends CanvasControl> canvases) {
    return new CanvasesInTurn(canvases);
  }

  /**
   * Whether {@code canvas} draws in the frame at {@code now}. Every canvas's timer asks once a
   * frame, all with the frame's time; a canvas out of the scene (a pane the comparison does not
   * use) or hidden takes no turn.
   */
  boolean isTurnOf(CanvasControl canvas, long now) {
    if (now != frame) {
      frame = now;
      turn++;
    }
    List<CanvasControl> shown =
        canvases.stream().filter(c -> c.getScene() != null && c.isVisible()).toList();
    return !shown.isEmpty() && shown.get(Math.floorMod(turn, shown.size())) == canvas;
  }
}
