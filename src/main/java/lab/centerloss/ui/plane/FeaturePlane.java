package lab.centerloss.ui.plane;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import lab.centerloss.plot.PlaneRenderer;
import lab.centerloss.plot.PlaneStyle;

/**
 * The feature plane as a control: draws the scenes of its {@link PlaneViewModel} with the shared
 * renderer, zooms with the wheel (and + / − when focused), pans by dragging, and selects the
 * center a click lands on. A window may hold several, each with its own view model.
 */
public final class FeaturePlane extends CanvasControl {
    private static final double KEY_ZOOM = 1.25;
    private final PlaneRenderer renderer = new PlaneRenderer();
    private PlaneViewModel viewModel;
    private boolean presentation;
    private boolean light;
    private double dragX;
    private double dragY;
    private boolean dragged;

    public FeaturePlane() {
        getStyleClass().add("feature-plane");
        setFocusTraversable(true);
        setPainter((gc, width, height, now) -> {
            if (viewModel != null) {
                renderer.render(gc, width, height, viewModel.sceneAt(now, width, height),
                        (presentation ? PlaneStyle.presentation() : PlaneStyle.normal()).withDark(!light));
            }
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (viewModel != null) {
                viewModel.zoom(Math.exp(e.getDeltaY() * 0.0025), e.getX(), e.getY(), getWidth(), getHeight());
            }
            e.consume();
        });
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragY = e.getY();
            dragged = false;
            requestFocus();
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (viewModel != null) {
                viewModel.pan(e.getX() - dragX, e.getY() - dragY, getWidth(), getHeight());
            }
            dragged = dragged || Math.hypot(e.getX() - dragX, e.getY() - dragY) > 2;
            dragX = e.getX();
            dragY = e.getY();
        });
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (!dragged && viewModel != null) {
                viewModel.clickAt(e.getX(), e.getY(), getWidth(), getHeight());
            }
        });
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
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
