package lab.centerloss.train;

import java.util.Optional;

/**
 * What one training step did, copied out of libtorch so that any thread can read it. Arrays of
 * ten rows are per class, row j for digit j.
 *
 * @param step             steps done, this one included (1 for the first)
 * @param epoch            passes over the training set begun so far (1 during the first)
 * @param hyperparameters  the record in force for this step
 * @param marginInForce    m after the warm-up
 * @param lossSoftmax      L_S, the head's cross-entropy
 * @param lossCenter       L_C with the centers as they were before the update
 * @param lossTotal        L_S + lambda L_C
 * @param batchAccuracy    fraction of the batch predicted right (logits without margin)
 * @param batchLabels      the batch's labels
 * @param batchFeatures    the batch's 2-D features from this step's forward pass (the ones the
 *                         center update used)
 * @param centersBefore    c_j before the update
 * @param centersAfter     c_j after the update of the rule in force
 * @param classCounts      n_j, samples of class j in the batch
 * @param paperDeltas      delta_c_j = sum(c_j - x_i) / (1 + n_j) (Wen et al. 2016, Algorithm 1),
 *                         whatever rule is in force, so the two rules can be compared
 * @param headWeights      the head's class weight vectors W_j (after the optimizer step)
 * @param headBias         the bias of the softmax head, empty for the normalized heads
 * @param stepMillis       wall time of the step: forward, backward, optimizer, centers, copies
 * @param probe            the latest probe of test images, possibly from an earlier step
 * @param divergence       why the step was refused (a loss that is NaN or infinite), if it was;
 *                         then nothing was updated and the after-values equal the before-values
 */
public record StepSnapshot(
        long step,
        int epoch,
        Hyperparameters hyperparameters,
        double marginInForce,
        double lossSoftmax,
        double lossCenter,
        double lossTotal,
        double batchAccuracy,
        IntVector batchLabels,
        Vec2List batchFeatures,
        Vec2List centersBefore,
        Vec2List centersAfter,
        IntVector classCounts,
        Vec2List paperDeltas,
        Vec2List headWeights,
        Optional<FloatVector> headBias,
        double stepMillis,
        Optional<ProbeResult> probe,
        Optional<String> divergence) {

    public boolean diverged() {
        return divergence.isPresent();
    }

    /** This snapshot with a probe taken after its step. */
    public StepSnapshot withProbe(ProbeResult result) {
        return new StepSnapshot(step, epoch, hyperparameters, marginInForce, lossSoftmax, lossCenter, lossTotal,
                batchAccuracy, batchLabels, batchFeatures, centersBefore, centersAfter, classCounts, paperDeltas,
                headWeights, headBias, stepMillis, Optional.of(result), divergence);
    }
}
