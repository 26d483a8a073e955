package lab.centerloss.train;

import static org.bytedeco.pytorch.global.torch.clip_grad_norm_;
import static org.bytedeco.pytorch.global.torch.log_softmax;
import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.nll_loss;
import static org.bytedeco.pytorch.global.torch.randn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.text.Message;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * One training run: LeNet++, its head, the optimizer and one center per class, built from a seed.
 * Everything here calls libtorch, so a session belongs to the thread that made it for its whole
 * life: a call from any other thread is refused with an {@link IllegalStateException}.
 */
public final class TrainingSession implements RunDriver.Session, AutoCloseable {
  /** The thread that made this session, the only one that may call it. */
  private final Thread owner = Thread.currentThread();

  /** Test images per forward pass of an evaluation: the activations of one are about 45 MB. */
  private static final int EVALUATION_CHUNK = 250;

  private final DeviceData data;
  private final Torch.DeviceInfo device;
  private final Network network;
  private final Tensor centers;
  private final BatchSampler sampler;

  /**
   * Class j of the head is digit classDigits[j]: all ten, or the known ones of the open-set split.
   */
  private final int[] classDigits;

  private final int classes;
  private final int knownDigits;

  /** d, the feature's size. */
  private final int dimensions;

  /**
   * How vectors of more than two dimensions are drawn: the principal axes of the latest probe's
   * known features ({@link FeatureProjection}); null for a 2-D feature, which is drawn as it is.
   */
  private FeatureProjection projection;

  /** The images of the probe that sets the axes when a step comes before any probe. */
  private static final int FIRST_AXES_PROBE = 1000;

  /** The training images of known digits: the sampler draws positions in this list. */
  private final int[] trainable;

  /** Digit to class index, for the loss; -1 for a digit training never sees. */
  private final Tensor classOfDigit;

  private final int[] classOfDigitJava;
  private float[] centerValues;
  private ParameterUpdate optimizer;
  private long stepsDone;

  TrainingSession(DeviceData data, Torch.DeviceInfo device, Hyperparameters hyperparameters) {
    this.data = data;
    this.device = device;
    // The seed fixes the initial weights (and centers); the sampler's own generator fixes the batch
    // order.
    manual_seed(hyperparameters.seed());
    classDigits = hyperparameters.classDigits();
    classes = classDigits.length;
    requireTrainingImages(data, classDigits);
    knownDigits = hyperparameters.knownDigits();
    dimensions = hyperparameters.featureDim();
    network = new Network(hyperparameters.model(), dimensions, classes);
    network.to(device.device(), false);
    centerValues = initialCenters(hyperparameters.centerInit(), classes, dimensions);
    // Moved by the center update only, never by the optimizer.
    centers = Torch.floats(centerValues, classes, dimensions).to(device.device(), ScalarType.Float);
    classOfDigitJava = new int[data.labelValues];
    Arrays.fill(classOfDigitJava, -1);
    long[] lookup = new long[data.labelValues];
    for (int j = 0; j < classes; j++) {
      classOfDigitJava[classDigits[j]] = j;
    }
    for (int d = 0; d < lookup.length; d++) {
      lookup[d] = Math.max(0, classOfDigitJava[d]);
    }
    classOfDigit = Torch.longs(lookup).to(device.device(), ScalarType.Long);
    trainable = trainableImages(data, classOfDigitJava);
    sampler = new BatchSampler(trainable.length, hyperparameters.seed());
  }

  /**
   * Every class must have training images (issue 25: a data set without any, or --known digits it
   * lacks, ended in a NullPointerException): one sentence before anything is built.
   */
  private static void requireTrainingImages(DeviceData data, int[] classDigits) {
    int[] counts = new int[256];
    for (byte label : data.trainLabelsJava) {
      counts[label & 0xff]++;
    }
    for (int digit : classDigits) {
      if (counts[digit] == 0) {
        throw new SettingsRefusedException(
            data.trainCount == 0
                ? Message.of("train.noImages")
                : Message.of("train.noImagesOfDigit", String.valueOf(digit)));
      }
    }
  }

  private static int[] trainableImages(DeviceData data, int[] classOfDigit) {
    int[] positions = new int[data.trainCount];
    int n = 0;
    for (int i = 0; i < data.trainCount; i++) {
      if (classOfDigit[data.trainLabelsJava[i]] >= 0) {
        positions[n++] = i;
      }
    }
    return Arrays.copyOf(positions, n);
  }

  /**
   * At the origin, where an untrained network puts every feature; or drawn from a standard normal
   * after the network's weights, as {@code torch.randn(classes, d)} in the common PyTorch code
   * does.
   */
  private static float[] initialCenters(CenterInit init, int classes, int dimensions) {
    if (init == CenterInit.ZERO) {
      return new float[classes * dimensions];
    }
    try (PointerScope scope = new PointerScope()) {
      return Torch.toFloats(randn(classes, dimensions));
    }
  }

  /** Rows of d as the plane draws them: themselves for d = 2, else projected. */
  private Vec2List drawn(float[] rows) {
    if (dimensions == 2) {
      return Vec2List.owning(rows);
    }
    if (projection == null) {
      // the axes come from a probe; a step before any (a restored run) takes one
      probe(FIRST_AXES_PROBE, HeadKind.SOFTMAX);
    }
    return projection.project(rows);
  }

  /**
   * Refuses a call from a thread other than the one that made the session: libtorch's state (the
   * global generator, the tensors' storage) is not for two threads at once, and such a call is a
   * bug in the caller, caught here before it touches a tensor.
   */
  private void requireOwner() {
    Thread caller = Thread.currentThread();
    if (caller != owner) {
      throw new IllegalStateException(
          "a training session made on thread "
              + owner.getName()
              + " was called from thread "
              + caller.getName());
    }
  }

  public long stepsDone() {
    requireOwner();
    return stepsDone;
  }

  /** One step with everything recorded, features after the step included. */
  public StepSnapshot step(Hyperparameters hp) {
    return step(hp, true);
  }

  /**
   * Trains on one batch (Wen et al. 2016, Algorithm 1). A loss that is NaN or infinite is not
   * back-propagated: the step is refused and the snapshot says why.
   *
   * @param withFeaturesAfter also run the batch through the moved network (no gradients) to record
   *     where its features went; that forward pass costs as much as the training forward pass,
   *     about a third of the step on a CPU
   */
  public StepSnapshot step(Hyperparameters hp, boolean withFeaturesAfter) {
    requireOwner();
    hp.validated();
    long started = System.nanoTime();
    double learningRate = hp.learningRateAt(stepsDone);
    configureOptimizer(hp);
    long[] batchIndices = sampler.next(hp.batchSize());
    int batch = batchIndices.length;
    int[] batchLabels = new int[batch];
    int[] counts = new int[classes];
    for (int i = 0; i < batch; i++) {
      batchIndices[i] = trainable[(int) batchIndices[i]];
      batchLabels[i] = data.trainLabelsJava[(int) batchIndices[i]];
      counts[classOfDigitJava[batchLabels[i]]]++;
    }
    if (dimensions != 2 && projection == null) {
      probe(FIRST_AXES_PROBE, hp.head()); // before the step: the axes of the network as it was
    }
    double margin = hp.marginAt(stepsDone);
    float[] centersBefore = centerValues;
    try (PointerScope scope = new PointerScope()) {
      network.train(true);
      Tensor index = Torch.longs(batchIndices).to(device.device(), ScalarType.Long);
      Tensor images = data.trainImages.index_select(0, index);
      // the loss and the centers index classes; the record keeps the digits
      Tensor labels = classOfDigit.index_select(0, data.trainLabels.index_select(0, index));

      Tensor features = network.trunk.forward(images);
      Tensor logits = network.head.trainingLogits(features, labels, hp.head(), hp.scale(), margin);
      Tensor softmaxLoss = nll_loss(log_softmax(logits, 1), labels);
      Tensor centerLoss = CenterLoss.loss(features, centers, labels);
      Tensor total = softmaxLoss.add(centerLoss.mul(new Scalar(hp.lambda())));
      // Everything that describes this step's forward pass is read before the parameters move:
      // the head that made these logits, and its predictions. Reading the losses is a sync
      // point on a GPU; the snapshot needs them anyway.
      double lossSoftmax = softmaxLoss.item_double();
      double lossCenter = centerLoss.item_double();
      double lossTotal = total.item_double();
      float[] featureValues = Torch.toFloats(features);
      StepSnapshot.HeadParameters headInForce = headParameters(hp.head());
      double batchAccuracy = accuracy(predictions(features.detach(), hp.head()), batchLabels);
      // (predictions are digits, as the labels are)
      stepsDone++;
      if (!Double.isFinite(lossTotal)) {
        return divergedSnapshot(
            hp,
            margin,
            learningRate,
            new StepSnapshot.Scalars(lossSoftmax, lossCenter, lossTotal, 0, Double.NaN),
            batchLabels,
            featureValues,
            counts,
            headInForce,
            started);
      }

      network.zero_grad(true); // gradients set to none, as torch.optim does by default
      total.backward();
      // The norm is measured always (a clip at infinity scales by 1) and recorded: a spike
      // in it is the first sign of a run about to blow up.
      double gradientNorm =
          clip_grad_norm_(
              network.parameters(),
              hp.gradientClipNorm() > 0 ? hp.gradientClipNorm() : Double.POSITIVE_INFINITY);
      optimizer.step(learningRate, hp.momentum(), hp.weightDecay());

      // Algorithm 1, line 6: the centers follow the features x_i of this iteration's forward pass.
      CenterLoss.Update update =
          CenterLoss.update(features, centers, labels, counts, hp.centerRule(), hp.alpha());
      try (NoGradGuard noGrad = new NoGradGuard()) {
        centers.copy_(Torch.floats(update.centersAfter(), classes, dimensions));
      }
      centerValues = update.centersAfter();
      Optional<Vec2List> featuresAfter =
          withFeaturesAfter ? Optional.of(drawn(featuresOf(images))) : Optional.empty();

      return new StepSnapshot(
          stepsDone,
          sampler.epoch(),
          hp,
          margin,
          learningRate,
          new StepSnapshot.Scalars(lossSoftmax, lossCenter, lossTotal, batchAccuracy, gradientNorm),
          new StepSnapshot.Batch(
              IntVector.owning(batchLabels),
              drawn(featureValues),
              featuresAfter,
              IntVector.owning(counts)),
          new StepSnapshot.CenterMove(
              drawn(centersBefore.clone()),
              drawn(update.centersAfter().clone()),
              drawn(update.paperDeltas())),
          headInForce,
          headParameters(hp.head()),
          millisSince(started),
          Optional.empty(),
          Optional.empty());
    }
  }

  /** The features of images under the parameters as they are now; no gradient is kept. */
  private float[] featuresOf(Tensor images) {
    try (NoGradGuard noGrad = new NoGradGuard()) {
      return Torch.toFloats(network.trunk.forward(images));
    }
  }

  private static double accuracy(int[] predictions, int[] labels) {
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      correct += predictions[i] == labels[i] ? 1 : 0;
    }
    return labels.length == 0 ? 0 : (double) correct / labels.length;
  }

  private StepSnapshot divergedSnapshot(
      Hyperparameters hp,
      double margin,
      double learningRate,
      StepSnapshot.Scalars scalars,
      int[] batchLabels,
      float[] featureValues,
      int[] counts,
      StepSnapshot.HeadParameters head,
      long started) {
    Message reason = StepSnapshot.divergenceReason(stepsDone, scalars);
    Vec2List features = drawn(featureValues);
    Vec2List unchanged = drawn(centerValues.clone());
    return new StepSnapshot(
        stepsDone,
        sampler.epoch(),
        hp,
        margin,
        learningRate,
        scalars,
        new StepSnapshot.Batch(
            IntVector.owning(batchLabels),
            features,
            Optional.of(features),
            IntVector.owning(counts)),
        new StepSnapshot.CenterMove(unchanged, unchanged, Vec2List.owning(new float[classes * 2])),
        head,
        head,
        millisSince(started),
        Optional.empty(),
        Optional.of(reason));
  }

  /** Everything needed to go on from here exactly as this session would: see {@link Checkpoint}. */
  public Checkpoint checkpoint() {
    requireOwner();
    List<float[]> values = new ArrayList<>();
    try (PointerScope scope = new PointerScope()) {
      var parameters = network.parameters();
      for (long i = 0; i < parameters.size(); i++) {
        values.add(Torch.toFloats(parameters.get(i)));
      }
    }
    ParameterUpdate.State state = optimizer == null ? null : optimizer.state();
    BatchSampler.Position at = sampler.position();
    return new Checkpoint(
        stepsDone,
        values,
        state == null ? null : state.kind(),
        state == null ? 0 : state.steps(),
        state == null ? List.of() : state.first(),
        state == null ? List.of() : state.second(),
        centerValues.clone(),
        at.epoch(),
        at.taken());
  }

  /**
   * Puts this session where a checkpoint of a session of the same model and data was taken.
   *
   * @throws IllegalArgumentException when the checkpoint does not fit this network or data
   */
  public void restore(Checkpoint checkpoint) {
    requireOwner();
    try (PointerScope scope = new PointerScope();
        NoGradGuard noGrad = new NoGradGuard()) {
      var parameters = network.parameters();
      if (parameters.size() != checkpoint.parameters().size()
          || checkpoint.centers().length != classes * dimensions) {
        throw new IllegalArgumentException("the checkpoint is of another network or data set");
      }
      for (long i = 0; i < parameters.size(); i++) {
        Tensor p = parameters.get(i);
        float[] values = checkpoint.parameters().get((int) i);
        if (values.length != p.numel()) {
          throw new IllegalArgumentException("the checkpoint is of another network size");
        }
        p.copy_(Torch.floats(values, p.sizes().vec().get()));
      }
      centers.copy_(Torch.floats(checkpoint.centers(), classes, dimensions));
    }
    centerValues = checkpoint.centers().clone();
    if (optimizer != null) {
      optimizer.close();
      optimizer = null;
    }
    if (checkpoint.optimizerKind() != null) {
      optimizer = new ParameterUpdate(network.parameters(), checkpoint.optimizerKind());
      optimizer.restore(
          new ParameterUpdate.State(
              checkpoint.optimizerKind(),
              checkpoint.optimizerSteps(),
              checkpoint.optimizerFirst(),
              checkpoint.optimizerSecond()));
    }
    sampler.restore(new BatchSampler.Position(checkpoint.epoch(), checkpoint.taken()));
    stepsDone = checkpoint.step();
  }

  /** The run as it stands before any step: for the picture a class sees before Play. */
  public RunOrigin origin(Hyperparameters hp, int probeSize) {
    requireOwner();
    ProbeResult probe = probe(probeSize, hp.head()); // first: it sets the axes of a projection
    return new RunOrigin(
        hp, drawn(centerValues.clone()), headParameters(hp.head()), probe, data.fingerprint);
  }

  /**
   * Features and predictions of the first {@code size} test images. With more than two dimensions
   * the probe also sets the axes every vector is drawn with until the next one: the principal axes
   * of its known images' features.
   */
  public ProbeResult probe(int size, HeadKind head) {
    requireOwner();
    int count = Math.min(size, data.testCount);
    Evaluated evaluated = evaluate(data.testImages, count, head);
    int[] labels = new int[count];
    System.arraycopy(data.testLabelsJava, 0, labels, 0, count);
    if (dimensions != 2) {
      boolean[] known = new boolean[count];
      for (int i = 0; i < count; i++) {
        known[i] = Hyperparameters.isKnown(labels[i], knownDigits);
      }
      projection =
          FeatureProjection.principalAxes(
              FeatureRows.owning(dimensions, evaluated.features), known);
    }
    return probeResult(evaluated, labels);
  }

  private ProbeResult probeResult(Evaluated evaluated, int[] labels) {
    Optional<ProbeResult.Full> full = fullView(evaluated.features);
    return new ProbeResult(
        stepsDone,
        drawn(evaluated.features.clone()),
        IntVector.owning(labels),
        IntVector.owning(evaluated.predictions),
        knownDigits,
        full);
  }

  /**
   * Features and predictions of the first {@code size} training images of the known digits: the
   * left half of the train/test pair, where a class sees that the training features are tighter
   * than the test features.
   */
  public ProbeResult probeTraining(int size, HeadKind head) {
    requireOwner();
    int count = Math.min(size, trainable.length);
    long[] positions = new long[count];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      positions[i] = trainable[i];
      labels[i] = data.trainLabelsJava[trainable[i]];
    }
    Evaluated evaluated;
    try (PointerScope scope = new PointerScope()) {
      Tensor images =
          data.trainImages.index_select(
              0, Torch.longs(positions).to(device.device(), ScalarType.Long));
      evaluated = evaluate(images, count, head);
    }
    return probeResult(evaluated, labels);
  }

  /**
   * The feature of one drawn digit, already prepared as MNIST's images were ({@link
   * lab.centerloss.data.DigitPreparation}), under the network as it is now, and the class the head
   * gives it. The input is normalised by the training images' own code.
   */
  public DrawnFeature featureOfDrawing(byte[] image, HeadKind head) {
    requireOwner();
    int side = MnistDataSet.IMAGE_SIDE;
    if (image.length != side * side) {
      throw new IllegalArgumentException(
          "a drawn digit has " + side * side + " pixels, not " + image.length);
    }
    try (PointerScope scope = new PointerScope();
        NoGradGuard noGrad = new NoGradGuard()) {
      network.eval();
      try {
        Tensor input =
            DeviceData.normalise(
                Torch.fromUnsignedBytes(
                    image, device.device(), ScalarType.Float, 1, 1, side, side));
        Tensor feature = network.trunk.forward(input);
        float[] values = Torch.toFloats(feature);
        Vec2List xy = drawn(values.clone());
        return new DrawnFeature(
            stepsDone, xy.x(0), xy.y(0), predictions(feature, head)[0], fullView(values));
      } finally {
        network.train(true);
      }
    }
  }

  /**
   * Features of more than two dimensions as they are, with the centers and the head's weights now:
   * what every figure compares (a probe's, a drawn digit's); empty for a 2-D feature.
   */
  private Optional<ProbeResult.Full> fullView(float[] features) {
    return dimensions == 2
        ? Optional.empty()
        : Optional.of(
            new ProbeResult.Full(
                FeatureRows.owning(dimensions, features),
                fullCenters(),
                FeatureRows.owning(dimensions, Torch.toFloats(network.head.weight()))));
  }

  /** The whole test set, for final accuracy and spread. */
  public ProbeResult evaluateTestSet(HeadKind head) {
    return probe(data.testCount, head);
  }

  /** The centers as the plane draws them (projected when d > 2). */
  public Vec2List centers() {
    requireOwner();
    return drawn(centerValues.clone());
  }

  /** The centers themselves, d numbers each. */
  public FeatureRows fullCenters() {
    requireOwner();
    return FeatureRows.copyOf(dimensions, centerValues);
  }

  /** Every parameter of the network and every center finite: a check for the soak test. */
  public boolean allParametersFinite() {
    requireOwner();
    try (PointerScope scope = new PointerScope();
        NoGradGuard noGrad = new NoGradGuard()) {
      var parameters = network.parameters();
      for (long i = 0; i < parameters.size(); i++) {
        if (!org.bytedeco.pytorch.global.torch.isfinite(parameters.get(i)).all().item_bool()) {
          return false;
        }
      }
      return FeatureRows.copyOf(dimensions, centerValues).allFinite();
    }
  }

  private record Evaluated(float[] features, int[] predictions) {}

  private Evaluated evaluate(Tensor images, int count, HeadKind head) {
    float[] features = new float[count * dimensions];
    int[] predictions = new int[count];
    try (NoGradGuard noGrad = new NoGradGuard()) {
      network.eval();
      for (int start = 0; start < count; start += EVALUATION_CHUNK) {
        // A scope per chunk: one scope around the loop would keep every chunk's
        // activations until the end (1.8 GB for the 10,000 test images).
        try (PointerScope scope = new PointerScope()) {
          int end = Math.min(count, start + EVALUATION_CHUNK);
          Tensor chunk = images.narrow(0, start, end - start);
          Tensor chunkFeatures = network.trunk.forward(chunk);
          System.arraycopy(
              Torch.toFloats(chunkFeatures),
              0,
              features,
              start * dimensions,
              (end - start) * dimensions);
          System.arraycopy(predictions(chunkFeatures, head), 0, predictions, start, end - start);
        }
      }
      network.train(true);
    }
    return new Evaluated(features, predictions);
  }

  private int[] predictions(Tensor features, HeadKind head) {
    try (NoGradGuard noGrad = new NoGradGuard()) {
      long[] classes =
          Torch.toLongs(
              network.head.predictionLogits(features, head).argmax(new LongOptional(1), false));
      int[] predictions = new int[classes.length];
      for (int i = 0; i < classes.length; i++) {
        predictions[i] = classDigits[(int) classes[i]]; // the digit of the class
      }
      return predictions;
    }
  }

  private StepSnapshot.HeadParameters headParameters(HeadKind head) {
    return new StepSnapshot.HeadParameters(
        drawn(Torch.toFloats(network.head.weight())),
        head.isNormalized()
            ? Optional.empty()
            : Optional.of(FloatVector.owning(Torch.toFloats(network.head.bias()))));
  }

  /**
   * The optimizer for this step's settings. Learning rate, momentum and weight decay are read at
   * every step; a change of optimizer starts its state (momentum buffers, Adam's moments) afresh.
   */
  private void configureOptimizer(Hyperparameters hp) {
    if (optimizer == null || optimizer.kind() != hp.optimizer()) {
      if (optimizer != null) {
        optimizer.close();
      }
      optimizer = new ParameterUpdate(network.parameters(), hp.optimizer());
    }
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  @Override
  public void close() {
    requireOwner();
    if (optimizer != null) {
      optimizer.close();
    }
    network.close();
    centers.close();
    classOfDigit.close();
  }
}
