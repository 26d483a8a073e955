package lab.centerloss.ui.plane;

import java.util.List;
import javafx.animation.AnimationTimer;

/**
 * Draws several canvases one per frame, in turn, instead of each on its own timer: with four
 * planes side by side each is drawn 15 times a second (two: 30), and a frame of the window costs
 * one plane's drawing. Drawn all in the same frame, four planes held the JavaFX thread for up to
 * 110 ms while their runs trained ({@code bench-ui --compare lambda}). The canvases are switched
 * to {@link CanvasControl#setSelfTimed(boolean) not self-timed}.
 */
public final class CanvasesInTurn extends AnimationTimer {
    private final List<? extends CanvasControl> canvases;
    private int next;

    public CanvasesInTurn(List<? extends CanvasControl> canvases) {
        this.canvases = List.copyOf(canvases);
        this.canvases.forEach(c -> c.setSelfTimed(false));
    }

    @Override
    public void handle(long now) {
        // a canvas out of the scene (a pane the comparison does not use) takes no turn
        List<? extends CanvasControl> shown = canvases.stream().filter(c -> c.getScene() != null && c.isVisible())
                .toList();
        if (!shown.isEmpty()) {
            shown.get(Math.floorMod(next++, shown.size())).redraw(now);
        }
    }
}
