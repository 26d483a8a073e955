package lab.centerloss.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/** A region that owns one canvas and keeps it the region's size; the view draws into it each frame. */
public final class CanvasPane extends Region {
    private final Canvas canvas = new Canvas();

    public CanvasPane() {
        getChildren().add(canvas);
        getStyleClass().add("canvas-pane");
        setMinSize(120, 120);
        setPrefSize(800, 600);
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
