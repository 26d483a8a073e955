package lab.centerloss.plot;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.Vec2List;

/**
 * Time to draw one frame of the feature plane off screen: the renderer's drawing calls plus the
 * rasterization that a snapshot forces (JavaFX records canvas commands and draws them later, so
 * timing the calls alone would measure only the recording). Points: ten clusters like a trained
 * center-loss plane, moving a little each frame as they do while training.
 */
public final class RenderBenchmark {
    private RenderBenchmark() {
    }

    public record Result(int width, int height, int points, int frames, double medianMs, double p95Ms) {
    }

    /** Call off the JavaFX thread, after {@link HeadlessFx#start()} (or in a running app). */
    public static Result measure(int width, int height, int pointCount, int warmupFrames, int frames) {
        SplittableRandom random = new SplittableRandom(7);
        float[] base = new float[pointCount * 2];
        int[] labels = new int[pointCount];
        for (int i = 0; i < pointCount; i++) {
            int digit = i % 10;
            double angle = 2 * Math.PI * digit / 10;
            labels[i] = digit;
            base[2 * i] = (float) (3 * Math.cos(angle) + 0.5 * random.nextGaussian());
            base[2 * i + 1] = (float) (3 * Math.sin(angle) + 0.5 * random.nextGaussian());
        }
        float[] centers = new float[20];
        for (int j = 0; j < 10; j++) {
            centers[2 * j] = (float) (3 * Math.cos(2 * Math.PI * j / 10));
            centers[2 * j + 1] = (float) (3 * Math.sin(2 * Math.PI * j / 10));
        }
        Canvas canvas = HeadlessFx.call(() -> new Canvas(width, height));
        WritableImage target = new WritableImage(width, height);
        PlaneRenderer renderer = new PlaneRenderer();
        PlaneStyle style = PlaneStyle.normal();
        IntVector labelVector = IntVector.copyOf(labels);
        double[] millis = new double[frames];
        for (int f = -warmupFrames; f < frames; f++) {
            float shift = (float) (0.02 * Math.sin(f * 0.1));
            float[] moved = base.clone();
            for (int i = 0; i < moved.length; i++) {
                moved[i] += shift;
            }
            PlaneScene scene = new PlaneScene(new ViewWindow(0, 0, Math.min(width, height) / 9.0),
                    Vec2List.copyOf(moved), labelVector, Vec2List.copyOf(new float[0]), IntVector.copyOf(new int[0]),
                    Vec2List.copyOf(centers), List.of(), -1, true, "step " + f);
            double elapsed = HeadlessFx.call(() -> {
                long start = System.nanoTime();
                renderer.render(canvas.getGraphicsContext2D(), width, height, scene, style);
                canvas.snapshot(null, target);
                return (System.nanoTime() - start) / 1e6;
            });
            if (f >= 0) {
                millis[f] = elapsed;
            }
        }
        Arrays.sort(millis);
        return new Result(width, height, pointCount, frames, millis[frames / 2],
                millis[(int) Math.min(frames - 1, Math.ceil(0.95 * frames) - 1)]);
    }
}
