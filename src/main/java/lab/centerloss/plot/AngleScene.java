package lab.centerloss.plot;

import lab.centerloss.train.HeadKind;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.Vec2List;

/** One frame of the unit-circle view of a normalized head: only angles matter there. */
public record AngleScene(
        Vec2List testPoints,
        IntVector testLabels,
        Vec2List trainPoints,
        IntVector trainLabels,
        Vec2List classWeights,
        HeadKind head,
        double margin,
        int selectedClass) {
}
