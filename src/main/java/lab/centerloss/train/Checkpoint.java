package lab.centerloss.train;

import java.util.List;

/**
 * Everything a run needs to go on from a step exactly as it went on the first time: the network's
 * parameters and the optimizer's state as plain arrays (in the network's parameter order), the
 * centers, and where the batch order stands. Numbers only: a checkpoint read from a file is never
 * anything libtorch or Java would execute.
 *
 * @param step steps done when it was taken
 * @param parameters each parameter's values, in {@code Module.parameters()} order
 * @param optimizerKind the optimizer's kind
 * @param optimizerSteps the optimizer's step count
 * @param optimizerFirst the optimizer's first set of per-parameter buffers
 * @param optimizerSecond the optimizer's second set of per-parameter buffers
 * @param centers the centers, row-major [classes, 2]
 * @param epoch the sampler's epoch begun
 * @param taken images of that epoch already used
 */
public record Checkpoint(
    long step,
    List<float[]> parameters,
    OptimizerKind optimizerKind,
    long optimizerSteps,
    List<float[]> optimizerFirst,
    List<float[]> optimizerSecond,
    float[] centers,
    int epoch,
    int taken) {}
