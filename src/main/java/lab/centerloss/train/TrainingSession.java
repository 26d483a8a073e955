package lab.centerloss.train;

import static org.bytedeco.pytorch.global.torch.log_softmax;
import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.nll_loss;
import static org.bytedeco.pytorch.global.torch.zeros;

import java.util.Optional;
import lab.centerloss.data.MnistDataSet;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * One training run: LeNet++, its head, the optimizer and the ten centers, built from a seed.
 * Everything here calls libtorch, so a session belongs to one thread for its whole life.
 */
public final class TrainingSession implements AutoCloseable {
    /** Test images per forward pass of an evaluation: the activations of one are about 45 MB. */
    private static final int EVALUATION_CHUNK = 250;

    private final DeviceData data;
    private final Torch.DeviceInfo device;
    private final Network network;
    private final Tensor centers;
    private final BatchSampler sampler;
    private float[] centerValues = new float[MnistDataSet.CLASSES * 2];
    private Optimizer optimizer;
    private Hyperparameters optimizerSettings;
    private long stepsDone;

    TrainingSession(DeviceData data, Torch.DeviceInfo device, Hyperparameters hyperparameters) {
        this.data = data;
        this.device = device;
        // The seed fixes the initial weights; the sampler's own generator fixes the batch order.
        manual_seed(hyperparameters.seed());
        network = new Network(hyperparameters.model());
        network.to(device.device(), false);
        // Centers start at the origin, where an untrained network puts every feature; they are
        // moved by the center update only, never by the optimizer.
        centers = zeros(new long[] {MnistDataSet.CLASSES, 2}, new TensorOptions(ScalarType.Float))
                .to(device.device(), ScalarType.Float);
        sampler = new BatchSampler(data.trainCount, hyperparameters.seed());
    }

    public long stepsDone() {
        return stepsDone;
    }

    /**
     * Trains on one batch. A loss that is NaN or infinite is not back-propagated: the step is
     * refused and the snapshot says why.
     */
    public StepSnapshot step(Hyperparameters hp) {
        hp.validated();
        long started = System.nanoTime();
        configureOptimizer(hp);
        long[] batchIndices = sampler.next(hp.batchSize());
        int batch = batchIndices.length;
        int[] batchLabels = new int[batch];
        int[] counts = new int[MnistDataSet.CLASSES];
        for (int i = 0; i < batch; i++) {
            batchLabels[i] = data.trainLabelsJava[(int) batchIndices[i]];
            counts[batchLabels[i]]++;
        }
        double margin = hp.marginAt(stepsDone);
        float[] centersBefore = centerValues;
        try (PointerScope scope = new PointerScope()) {
            network.train(true);
            Tensor index = Torch.longs(batchIndices).to(device.device(), ScalarType.Long);
            Tensor images = data.trainImages.index_select(0, index);
            Tensor labels = data.trainLabels.index_select(0, index);

            Tensor features = network.trunk.forward(images);
            Tensor logits = network.head.trainingLogits(features, labels, hp.head(), hp.scale(), margin);
            Tensor softmaxLoss = nll_loss(log_softmax(logits, 1), labels);
            Tensor centerLoss = CenterLoss.loss(features, centers, labels);
            Tensor total = softmaxLoss.add(centerLoss.mul(new Scalar(hp.lambda())));
            // Reading the losses is a sync point on a GPU; the snapshot needs them anyway.
            double lossSoftmax = softmaxLoss.item_double();
            double lossCenter = centerLoss.item_double();
            double lossTotal = total.item_double();
            float[] featureValues = Torch.toFloats(features);
            stepsDone++;
            if (!Double.isFinite(lossTotal)) {
                return divergedSnapshot(hp, margin, lossSoftmax, lossCenter, lossTotal, batchLabels,
                        featureValues, counts, started);
            }

            optimizer.zero_grad();
            total.backward();
            optimizer.step();

            CenterLoss.Update update = CenterLoss.update(features, centers, labels, counts, hp.centerRule(),
                    hp.alpha());
            try (NoGradGuard noGrad = new NoGradGuard()) {
                centers.copy_(Torch.floats(update.centersAfter(), MnistDataSet.CLASSES, 2));
            }
            centerValues = update.centersAfter();

            int[] predictions = predictions(features.detach(), hp.head());
            int correct = 0;
            for (int i = 0; i < batch; i++) {
                correct += predictions[i] == batchLabels[i] ? 1 : 0;
            }
            return new StepSnapshot(stepsDone, sampler.epoch(), hp, margin, lossSoftmax, lossCenter, lossTotal,
                    (double) correct / batch, IntVector.owning(batchLabels), Vec2List.owning(featureValues),
                    Vec2List.owning(centersBefore.clone()), Vec2List.owning(update.centersAfter().clone()),
                    IntVector.owning(counts), Vec2List.owning(update.paperDeltas()), headWeights(),
                    headBias(hp.head()), millisSince(started), Optional.empty(), Optional.empty());
        }
    }

    private StepSnapshot divergedSnapshot(Hyperparameters hp, double margin, double lossSoftmax, double lossCenter,
            double lossTotal, int[] batchLabels, float[] featureValues, int[] counts, long started) {
        String reason = String.format(
                "Training diverged at step %d: the loss became %s (L_S = %s, L_C = %s). "
                        + "Lower the learning rate or lambda, then reset.",
                stepsDone, lossTotal, lossSoftmax, lossCenter);
        return new StepSnapshot(stepsDone, sampler.epoch(), hp, margin, lossSoftmax, lossCenter, lossTotal, 0,
                IntVector.owning(batchLabels), Vec2List.owning(featureValues), Vec2List.owning(centerValues.clone()),
                Vec2List.owning(centerValues.clone()), IntVector.owning(counts),
                Vec2List.owning(new float[MnistDataSet.CLASSES * 2]), headWeights(), headBias(hp.head()),
                millisSince(started), Optional.empty(), Optional.of(reason));
    }

    /** Features and predictions of the first {@code size} test images. */
    public ProbeResult probe(int size, HeadKind head) {
        int count = Math.min(size, data.testCount);
        Evaluated evaluated = evaluate(count, head);
        int[] labels = new int[count];
        System.arraycopy(data.testLabelsJava, 0, labels, 0, count);
        return new ProbeResult(stepsDone, Vec2List.owning(evaluated.features), IntVector.owning(labels),
                IntVector.owning(evaluated.predictions));
    }

    /** The whole test set, for final accuracy and spread. */
    public ProbeResult evaluateTestSet(HeadKind head) {
        return probe(data.testCount, head);
    }

    public Vec2List centers() {
        return Vec2List.copyOf(centerValues);
    }

    /** Every parameter of the network and every center finite: a check for the soak test. */
    public boolean allParametersFinite() {
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            var parameters = network.parameters();
            for (long i = 0; i < parameters.size(); i++) {
                if (!org.bytedeco.pytorch.global.torch.isfinite(parameters.get(i)).all().item_bool()) {
                    return false;
                }
            }
            return Vec2List.copyOf(centerValues).allFinite();
        }
    }

    private record Evaluated(float[] features, int[] predictions) {
    }

    private Evaluated evaluate(int count, HeadKind head) {
        float[] features = new float[count * 2];
        int[] predictions = new int[count];
        try (NoGradGuard noGrad = new NoGradGuard()) {
            network.eval();
            for (int start = 0; start < count; start += EVALUATION_CHUNK) {
                // A scope per chunk: one scope around the loop would keep every chunk's
                // activations until the end (1.8 GB for the 10,000 test images).
                try (PointerScope scope = new PointerScope()) {
                    int end = Math.min(count, start + EVALUATION_CHUNK);
                    Tensor chunk = data.testImages.narrow(0, start, end - start);
                    Tensor chunkFeatures = network.trunk.forward(chunk);
                    System.arraycopy(Torch.toFloats(chunkFeatures), 0, features, start * 2, (end - start) * 2);
                    System.arraycopy(predictions(chunkFeatures, head), 0, predictions, start, end - start);
                }
            }
            network.train(true);
        }
        return new Evaluated(features, predictions);
    }

    private int[] predictions(Tensor features, HeadKind head) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            long[] classes = Torch.toLongs(network.head.predictionLogits(features, head)
                    .argmax(new LongOptional(1), false));
            int[] predictions = new int[classes.length];
            for (int i = 0; i < classes.length; i++) {
                predictions[i] = (int) classes[i];
            }
            return predictions;
        }
    }

    private Vec2List headWeights() {
        return Vec2List.owning(Torch.toFloats(network.head.weight()));
    }

    private Optional<FloatVector> headBias(HeadKind head) {
        return head.isNormalized() ? Optional.empty()
                : Optional.of(FloatVector.owning(Torch.toFloats(network.head.bias())));
    }

    /**
     * Builds or retunes the optimizer. The learning rate changes in place; a change of optimizer,
     * momentum or weight decay builds a new one (its momentum buffers start again from zero).
     */
    private void configureOptimizer(Hyperparameters hp) {
        boolean rebuild = optimizer == null
                || optimizerSettings.optimizer() != hp.optimizer()
                || optimizerSettings.momentum() != hp.momentum()
                || optimizerSettings.weightDecay() != hp.weightDecay();
        if (rebuild) {
            if (optimizer != null) {
                optimizer.close();
            }
            if (hp.optimizer() == OptimizerKind.SGD) {
                SGDOptions options = new SGDOptions(hp.learningRate());
                options.momentum().put(hp.momentum());
                options.weight_decay().put(hp.weightDecay());
                optimizer = new SGD(network.parameters(), options);
            } else {
                AdamOptions options = new AdamOptions(hp.learningRate());
                options.weight_decay().put(hp.weightDecay());
                optimizer = new Adam(network.parameters(), options);
            }
        } else if (optimizerSettings.learningRate() != hp.learningRate()) {
            var groups = optimizer.param_groups();
            for (long i = 0; i < groups.size(); i++) {
                groups.get(i).options().set_lr(hp.learningRate());
            }
        }
        optimizerSettings = hp;
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    @Override
    public void close() {
        if (optimizer != null) {
            optimizer.close();
        }
        network.close();
        centers.close();
    }
}
