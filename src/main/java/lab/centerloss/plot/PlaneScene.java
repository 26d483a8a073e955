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
        String caption) {
}
