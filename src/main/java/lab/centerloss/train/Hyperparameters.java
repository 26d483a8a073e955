package lab.centerloss.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a teacher can change, as one immutable value. The trainer reads the latest record
 * between two steps; {@code model} and {@code seed} take effect at the next reset, everything else
 * at the next step.
 *
 * @param lambda      weight of the center loss L_C in L = L_S + lambda L_C (0 turns it off)
 * @param alpha       center learning rate, in [0, 1] (Wen et al. 2016, Algorithm 1)
 * @param scale       s of the normalized heads: logits are s cos(theta)
 * @param margin      m in radians (ArcFace) or in cosine units (CosFace), in [0, pi/2]
 * @param marginWarmupSteps the margin grows linearly from 0 to m over this many steps (0: at once)
 */
public record Hyperparameters(
        ModelSize model,
        HeadKind head,
        double lambda,
        double alpha,
        CenterRule centerRule,
        OptimizerKind optimizer,
        double learningRate,
        double momentum,
        double weightDecay,
        double scale,
        double margin,
        int marginWarmupSteps,
        int batchSize,
        long seed) {

    public static final double MAX_MARGIN = Math.PI / 2;
    public static final int MAX_BATCH_SIZE = 4096;

    /**
     * Softmax + center loss with the settings of the paper's MNIST experiment, which reach 95% test
     * accuracy in about 1,000 steps of the lite model (shared/notes/math.md).
     */
    public static Hyperparameters defaults() {
        return new Hyperparameters(ModelSize.LITE, HeadKind.SOFTMAX, 0.1, 0.5, CenterRule.PAPER,
                OptimizerKind.SGD, 0.01, 0.9, 5e-4, 16, 0.5, 0, 128, 1);
    }

    /**
     * Settings that train the given head. The normalized heads did not learn with SGD on a 2-D
     * feature in our reference runs; Adam at 1e-3 with s = 16 and a margin warm-up did.
     */
    public static Hyperparameters recommendedFor(HeadKind head) {
        Hyperparameters base = defaults().withHead(head);
        return switch (head) {
            case SOFTMAX -> base;
            case NORMFACE -> base.withOptimizer(OptimizerKind.ADAM).withLearningRate(1e-3).withLambda(0)
                    .withMargin(0).withMarginWarmupSteps(0);
            case COSFACE -> base.withOptimizer(OptimizerKind.ADAM).withLearningRate(1e-3).withLambda(0)
                    .withMargin(0.1).withMarginWarmupSteps(1000);
            case ARCFACE -> base.withOptimizer(OptimizerKind.ADAM).withLearningRate(1e-3).withLambda(0)
                    .withMargin(0.5).withMarginWarmupSteps(1000);
        };
    }

    /** One sentence per impossible value; empty when the record can be trained with. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (model == null || head == null || centerRule == null || optimizer == null) {
            problems.add("Model, head, center rule and optimizer must all be chosen.");
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            problems.add("lambda must be a number of 0 or more (it is " + lambda + ").");
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            problems.add("alpha must lie between 0 and 1 (it is " + alpha + ").");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            problems.add("The learning rate must be a number above 0 (it is " + learningRate + ").");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            problems.add("The momentum must lie in [0, 1) (it is " + momentum + ").");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            problems.add("The weight decay must be 0 or more (it is " + weightDecay + ").");
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            problems.add("The scale s must be a number above 0 (it is " + scale + ").");
        }
        if (!(margin >= 0 && margin <= MAX_MARGIN)) {
            problems.add("The margin m must lie between 0 and pi/2 = 1.5708 (it is " + margin + ").");
        }
        if (marginWarmupSteps < 0) {
            problems.add("The margin warm-up must be 0 steps or more (it is " + marginWarmupSteps + ").");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            problems.add("The batch size must lie between 1 and " + MAX_BATCH_SIZE + " (it is " + batchSize + ").");
        }
        return problems;
    }

    /** @throws IllegalArgumentException naming the first impossible value */
    public Hyperparameters validated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0));
        }
        return this;
    }

    /** The margin in force at a step (counted from 0), after the linear warm-up. */
    public double marginAt(long step) {
        if (marginWarmupSteps <= 0 || step >= marginWarmupSteps) {
            return margin;
        }
        return margin * step / marginWarmupSteps;
    }

    public Hyperparameters withModel(ModelSize v) {
        return new Hyperparameters(v, head, lambda, alpha, centerRule, optimizer, learningRate, momentum,
                weightDecay, scale, margin, marginWarmupSteps, batchSize, seed);
    }

    public Hyperparameters withHead(HeadKind v) {
        return new Hyperparameters(model, v, lambda, alpha, centerRule, optimizer, learningRate, momentum,
                weightDecay, scale, margin, marginWarmupSteps, batchSize, seed);
    }

    public Hyperparameters withLambda(double v) {
        return new Hyperparameters(model, head, v, alpha, centerRule, optimizer, learningRate, momentum,
                weightDecay, scale, margin, marginWarmupSteps, batchSize, seed);
    }

    public Hyperparameters withAlpha(double v) {
        return new Hyperparameters(model, head, lambda, v, centerRule, optimizer, learningRate, momentum,
                weightDecay, scale, margin, marginWarmupSteps, batchSize, seed);
    }

    public Hyperparameters withCenterRule(CenterRule v) {
        return new Hyperparameters(model, head, lambda, alpha, v, optimizer, learningRate, momentum,
                weightDecay, scale, margin, marginWarmupSteps, batchSize, seed);
    }

    public Hyperparameters withOptimizer(OptimizerKind v) {
        return new Hyperparameters(model, head, lambda, alpha, centerRule, v, learningRate, momentum,
                weightDecay, scale, margin, marginWarmupSteps, batchSize, seed);
    }

    public Hyperparameters withLearningRate(double v) {
        return new Hyperparameters(model, head, lambda, alpha, centerRule, optimizer, v, momentum,
                weightDecay, scale, margin, marginWarmupSteps, batchSize, seed);
    }

    public Hyperparameters withMomentum(double v) {
        return new Hyperparameters(model, head, lambda, alpha, centerRule, optimizer, learningRate, v,
                weightDecay, scale, margin, marginWarmupSteps, batchSize, seed);
    }

    public Hyperparameters withWeightDecay(double v) {
        return new Hyperparameters(model, head, lambda, alpha, centerRule, optimizer, learningRate, momentum,
                v, scale, margin, marginWarmupSteps, batchSize, seed);
    }

    public Hyperparameters withScale(double v) {
        return new Hyperparameters(model, head, lambda, alpha, centerRule, optimizer, learningRate, momentum,
                weightDecay, v, margin, marginWarmupSteps, batchSize, seed);
    }

    public Hyperparameters withMargin(double v) {
        return new Hyperparameters(model, head, lambda, alpha, centerRule, optimizer, learningRate, momentum,
                weightDecay, scale, v, marginWarmupSteps, batchSize, seed);
    }

    public Hyperparameters withMarginWarmupSteps(int v) {
        return new Hyperparameters(model, head, lambda, alpha, centerRule, optimizer, learningRate, momentum,
                weightDecay, scale, margin, v, batchSize, seed);
    }

    public Hyperparameters withBatchSize(int v) {
        return new Hyperparameters(model, head, lambda, alpha, centerRule, optimizer, learningRate, momentum,
                weightDecay, scale, margin, marginWarmupSteps, v, seed);
    }

    public Hyperparameters withSeed(long v) {
        return new Hyperparameters(model, head, lambda, alpha, centerRule, optimizer, learningRate, momentum,
                weightDecay, scale, margin, marginWarmupSteps, batchSize, v);
    }
}
