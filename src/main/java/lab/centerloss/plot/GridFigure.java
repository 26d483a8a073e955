package lab.centerloss.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;

/**
 * Runs side by side as the center-loss paper shows them (Wen et al. 2016, Figure 3): one panel per
 * run, all on the same axes (one world box fits every panel's features and centers), so that the
 * spreads compare honestly; a caption on each.
 */
public final class GridFigure {
    private GridFigure() {
    }

    /** One run's last step and the two lines of its caption. */
    public record Panel(StepSnapshot step, String title, String numbers) {
    }

    /** The panels, in a grid as square as their number allows, {@code width} pixels wide. Call off the FX thread. */
    public static BufferedImage draw(List<Panel> panels, int width) {
        int columns = (int) Math.ceil(Math.sqrt(panels.size()));
        int rows = (int) Math.ceil(panels.size() / (double) columns);
        int panelWidth = width / columns;
        int panelHeight = (int) Math.round(panelWidth * 0.8);
        ViewWindow shared = sharedView(panels, panelWidth, panelHeight);
        BufferedImage figure = new BufferedImage(columns * panelWidth, rows * panelHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = figure.createGraphics();
        for (int i = 0; i < panels.size(); i++) {
            Panel panel = panels.get(i);
            BufferedImage image = HeadlessFx.call(() -> render(panel, shared, panelWidth, panelHeight));
            g.drawImage(image, (i % columns) * panelWidth, (i / columns) * panelHeight, null);
        }
        g.dispose();
        return figure;
    }

    private static ViewWindow sharedView(List<Panel> panels, int width, int height) {
        List<Float> xy = new ArrayList<>();
        List<Float> centers = new ArrayList<>();
        for (Panel p : panels) {
            Vec2List points = p.step().probe().map(ProbeResult::features).orElse(p.step().batch().features());
            for (int i = 0; i < points.size(); i++) {
                xy.add(points.x(i));
                xy.add(points.y(i));
            }
            Vec2List c = p.step().centers().after();
            for (int j = 0; j < c.size(); j++) {
                centers.add(c.x(j));
                centers.add(c.y(j));
            }
        }
        WorldBox box = WorldBox.robust(Vec2List.copyOf(toArray(xy)), Vec2List.copyOf(toArray(centers)),
                PlaneScenes.OUTLIERS);
        // room at the top for the caption
        return box.fit(width, height * 0.86, PlaneScenes.PADDING);
    }

    private static float[] toArray(List<Float> values) {
        float[] a = new float[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    private static BufferedImage render(Panel panel, ViewWindow view, int width, int height) {
        StepSnapshot s = panel.step();
        ProbeResult probe = s.probe().orElse(null);
        Vec2List none = Vec2List.copyOf(new float[0]);
        IntVector noLabels = IntVector.copyOf(new int[0]);
        ViewWindow shifted = new ViewWindow(view.centerX(), view.centerY() + 0.07 * height / view.pixelsPerUnit(),
                view.pixelsPerUnit());
        PlaneScene scene = new PlaneScene(shifted, probe != null ? probe.features() : none,
                probe != null ? probe.labels() : noLabels, none, noLabels, s.centers().after(), List.of(), -1, false,
                panel.title()).withKnownDigits(s.hyperparameters().knownDigits());
        Canvas canvas = new Canvas(width, height);
        PlaneStyle style = FrameCapture.styleFor(PlaneStyle.normal(), height);
        new PlaneRenderer().render(canvas.getGraphicsContext2D(), width, height, scene, style);
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setFill(style.foreground());
        gc.setFont(javafx.scene.text.Font.font(lab.centerloss.plot.Fonts.family(), style.fontSize() * 0.9));
        gc.setTextBaseline(javafx.geometry.VPos.TOP);
        gc.fillText(panel.numbers(), style.fontSize() * 0.8, style.fontSize() * 2.0);
        gc.setStroke(style.axis());
        gc.strokeRect(0.5, 0.5, width - 1, height - 1);
        WritableImage image = canvas.snapshot(null, null);
        return SwingFXUtils.fromFXImage(image, new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB));
    }
}
