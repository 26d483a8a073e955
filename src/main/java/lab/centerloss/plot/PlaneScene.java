package lab.centerloss.plot;

import java.util.List;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.Vec2List;

/**
 * Everything one frame of the feature plane shows, already interpolated: the renderer draws it
 * and decides nothing.
 *
 * @param testPoints   features of the probe's test images (may be empty)
 * @param testLabels   their digits
 * @param trainPoints  features of the latest batch (may be empty)
 * @param trainLabels  their digits
 * @param centers      the ten class centers
 * @param trails       per class, earlier positions of its center, oldest first (may be empty)
 * @param selectedClass a class to highlight, or -1
 * @param caption      text for the top-left corner (step, hyperparameters), or empty
 * @param marks        lines and arrows drawn over the points (the step-through's pulls and moves)
 * @param ghostPoints  earlier positions drawn faint under everything (may be empty)
 * @param ghostLabels  their digits
 */
public record PlaneScene(
        ViewWindow view,
        Vec2List testPoints,
        IntVector testLabels,
        Vec2List trainPoints,
        IntVector trainLabels,
        Vec2List centers,
        List<Vec2List> trails,
        int selectedClass,
        boolean showLegend,
        String caption,
        List<Mark> marks,
        Vec2List ghostPoints,
        IntVector ghostLabels) {

    private static final Vec2List NO_POINTS = Vec2List.copyOf(new float[0]);
    private static final IntVector NO_LABELS = IntVector.copyOf(new int[0]);

    public PlaneScene(ViewWindow view, Vec2List testPoints, IntVector testLabels, Vec2List trainPoints,
            IntVector trainLabels, Vec2List centers, List<Vec2List> trails, int selectedClass, boolean showLegend,
            String caption) {
        this(view, testPoints, testLabels, trainPoints, trainLabels, centers, trails, selectedClass, showLegend, caption,
                List.of(), NO_POINTS, NO_LABELS);
    }

    public PlaneScene(ViewWindow view, Vec2List testPoints, IntVector testLabels, Vec2List trainPoints,
            IntVector trainLabels, Vec2List centers, List<Vec2List> trails, int selectedClass, boolean showLegend,
            String caption, List<Mark> marks) {
        this(view, testPoints, testLabels, trainPoints, trainLabels, centers, trails, selectedClass, showLegend, caption,
                marks, NO_POINTS, NO_LABELS);
    }

    /** The same scene on another view, e.g. an export at another size. */
    public PlaneScene withView(ViewWindow other) {
        return new PlaneScene(other, testPoints, testLabels, trainPoints, trainLabels, centers, trails, selectedClass,
                showLegend, caption, marks, ghostPoints, ghostLabels);
    }

    /** The same scene with another legend and caption choice, for an export. */
    public PlaneScene withLegendAndCaption(boolean legend, String newCaption) {
        return new PlaneScene(view, testPoints, testLabels, trainPoints, trainLabels, centers, trails, selectedClass,
                legend, newCaption, marks, ghostPoints, ghostLabels);
    }

    /** A line or arrow between two world points, in a digit's color. */
    public record Mark(double fromX, double fromY, double toX, double toY, int digit, Kind kind) {
        public enum Kind {
            /** thin: a sample tied to its center */
            LINE,
            /** an arrow head at the end: a move */
            ARROW,
            /** a fainter arrow: a force that acts on a feature */
            FORCE
        }
    }
}
