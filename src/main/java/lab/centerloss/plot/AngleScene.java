package lab.centerloss.plot;

import lab.centerloss.train.HeadKind;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.Vec2List;

/**
 * One frame of the unit-circle view of a normalized head: only angles matter there. Labels are
 * digits; the class weights are per class (class j is the j-th of {@code knownDigits}).
 */
public record AngleScene(
    Vec2List testPoints,
    IntVector testLabels,
    Vec2List trainPoints,
    IntVector trainLabels,
    Vec2List classWeights,
    HeadKind head,
    double margin,
    int selectedClass,
    int knownDigits) {

  /** The digit of class j: the j-th known digit. */
  public int classDigit(int j) {
    int seen = 0;
    for (int d = 0; d < 31; d++) {
      if ((knownDigits & (1 << d)) != 0 && seen++ == j) {
        return d;
      }
    }
    return j;
  }
}
