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
        List<Mark> marks) {

    public PlaneScene(ViewWindow view, Vec2List testPoints, IntVector testLabels, Vec2List trainPoints,
            IntVector trainLabels, Vec2List centers, List<Vec2List> trails, int selectedClass, boolean showLegend,
            String caption) {
        this(view, testPoints, testLabels, trainPoints, trainLabels, centers, trails, selectedClass, showLegend, caption,
                List.of());
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
