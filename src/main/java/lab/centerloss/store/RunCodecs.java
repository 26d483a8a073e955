package lab.centerloss.store;

import static lab.centerloss.store.BinaryIO.check;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.text.Message;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.DigitSet;
import lab.centerloss.train.FeatureRows;
import lab.centerloss.train.FloatVector;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.OptimizerKind;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;

/**
 * The binary records of a run file, one codec per kind, each writer beside its reader so that the
 * two cannot drift apart: a field written is a field read, in the same place, by its name. The
 * layout is format 1's; {@link RunFile} documents the entries. Readers check every count and number
 * within the limits the file sets itself ({@link Limits}), and name what is wrong as a {@link
 * Message}.
 */
final class RunCodecs {
  /**
   * Labels and predictions are digits (the data's label values); classes are the known ones among
   * them.
   */
  static final int LABEL_VALUES = 10;

  /**
   * The probe's labels may also be another data set's unknowns (--unknown-data), labelled {@code
   * OTHER_DATA}.
   */
  static final int PROBE_LABEL_VALUES = MnistDataSet.OTHER_DATA + 1;

  static final long MAX_STEPS = 100_000_000L;
  private static final int MAX_BATCH = Hyperparameters.MAX_BATCH_SIZE;
  private static final int MAX_PARAMETERS = 50_000_000;
  private static final int MAX_ARRAYS = 10_000;

  private RunCodecs() {}

  /**
   * What one file's records are read within: its class count, probe size and distinct settings
   * (from {@code run.json}), and the known digits of its origin.
   */
  static final class Limits {
    final int classes;
    final int probeSize;
    final List<Hyperparameters> settings;
    int knownDigits = DigitSet.ALL;

    /** d of the run's feature, from its origin's settings: the checkpoints' centers have d each. */
    int featureDim = 2;

    Limits(int classes, int probeSize, List<Hyperparameters> settings) {
      this.classes = classes;
      this.probeSize = probeSize;
      this.settings = settings;
    }

    Hyperparameters settings(DataInputStream in) throws IOException {
      return settings.get(
          BinaryIO.readInt(in, 0, settings.size() - 1, Message.of("runfile.field.settingsIndex")));
    }

    Vec2List points(DataInputStream in, int count, Message what) throws IOException {
      float[] xy = BinaryIO.readFiniteFloats(in, 2 * count, what);
      check(
          xy.length == 2 * count,
          Message.of(
              "runfile.bad.points", what, String.valueOf(xy.length / 2), String.valueOf(count)));
      return Vec2List.copyOf(xy);
    }

    /** Exactly {@code count} values, else refused naming {@code what}. */
    void count(int length, int count, Message what) throws IOException {
      check(
          length == count,
          Message.of("runfile.bad.count", what, String.valueOf(length), String.valueOf(count)));
    }
  }

  /** A head's class directions and, for softmax, its bias: one per class. */
  static final class Head {
    private Head() {}

    static void write(DataOutputStream out, StepSnapshot.HeadParameters head) throws IOException {
      BinaryIO.writeFloats(out, head.weights().toArray());
      out.writeBoolean(head.bias().isPresent());
      if (head.bias().isPresent()) {
        BinaryIO.writeFloats(out, head.bias().get().toArray());
      }
    }

    static StepSnapshot.HeadParameters read(DataInputStream in, Limits limits) throws IOException {
      Vec2List weights = limits.points(in, limits.classes, Message.of("runfile.field.headWeights"));
      Optional<FloatVector> bias = Optional.empty();
      if (BinaryIO.readFlag(in, Message.of("runfile.field.biasFlag"))) {
        Message what = Message.of("runfile.field.headBias");
        float[] b = BinaryIO.readFiniteFloats(in, limits.classes, what);
        limits.count(b.length, limits.classes, what);
        bias = Optional.of(FloatVector.copyOf(b));
      }
      return new StepSnapshot.HeadParameters(weights, bias);
    }
  }

  /** A probe: its step, each test image's feature and prediction (the labels are the origin's). */
  static final class Probe {
    private Probe() {}

    static void write(DataOutputStream out, ProbeResult probe) throws IOException {
      out.writeLong(probe.step());
      BinaryIO.writeFloats(out, probe.features().toArray());
      BinaryIO.writeInts(out, probe.predictions().toArray());
    }

    static ProbeResult read(DataInputStream in, IntVector labels, Limits limits)
        throws IOException {
      long step = BinaryIO.readLong(in, 0, MAX_STEPS, Message.of("runfile.field.probeStep"));
      Vec2List features =
          limits.points(in, limits.probeSize, Message.of("runfile.field.probeFeatures"));
      Message what = Message.of("runfile.field.probePredictions");
      int[] predictions = BinaryIO.readInts(in, limits.probeSize, 0, LABEL_VALUES - 1, what);
      limits.count(predictions.length, limits.probeSize, what);
      return new ProbeResult(
          step, features, labels, IntVector.copyOf(predictions), limits.knownDigits);
    }
  }

  /**
   * The d-dimensional side of a run whose feature has more than two dimensions ({@link
   * ProbeResult#full()}): for the origin's probe and each kept probe, in order, its step, then its
   * features, centers and head weights, d numbers each. The other entries hold what the plane
   * draws, as for a 2-D run; this one holds what the figures are computed from.
   */
  static final class FullProbe {
    private FullProbe() {}

    static void write(DataOutputStream out, ProbeResult probe) throws IOException {
      ProbeResult.Full full = probe.full().orElseThrow();
      out.writeLong(probe.step());
      BinaryIO.writeFloats(out, full.features().toArray());
      BinaryIO.writeFloats(out, full.centers().toArray());
      BinaryIO.writeFloats(out, full.weights().toArray());
    }

    /** The probe with its full side read, which must be of its step. */
    static ProbeResult read(DataInputStream in, ProbeResult probe, Limits limits)
        throws IOException {
      long step = BinaryIO.readLong(in, 0, MAX_STEPS, Message.of("runfile.field.probeStep"));
      check(step == probe.step(), Message.of("runfile.bad.fullProbeStep"));
      int d = limits.featureDim;
      FeatureRows features =
          rows(in, d, limits.probeSize, Message.of("runfile.field.fullFeatures"), limits);
      FeatureRows centers =
          rows(in, d, limits.classes, Message.of("runfile.field.fullCenters"), limits);
      FeatureRows weights =
          rows(in, d, limits.classes, Message.of("runfile.field.fullWeights"), limits);
      return new ProbeResult(
          probe.step(),
          probe.features(),
          probe.labels(),
          probe.predictions(),
          probe.knownDigits(),
          Optional.of(new ProbeResult.Full(features, centers, weights)));
    }

    private static FeatureRows rows(
        DataInputStream in, int d, int count, Message what, Limits limits) throws IOException {
      float[] values = BinaryIO.readFiniteFloats(in, d * count, what);
      limits.count(values.length, d * count, what);
      return FeatureRows.copyOf(d, values);
    }
  }

  /** The run at step 0: its settings, centers, head, and the probe's labels and first probe. */
  static final class Origin {
    private Origin() {}

    static void write(DataOutputStream out, RunOrigin origin, Map<Hyperparameters, Integer> index)
        throws IOException {
      out.writeInt(index.get(origin.hyperparameters()));
      BinaryIO.writeFloats(out, origin.centers().toArray());
      Head.write(out, origin.head());
      BinaryIO.writeInts(out, origin.probe().labels().toArray());
      Probe.write(out, origin.probe());
    }

    static RunOrigin read(DataInputStream in, String fingerprint, Limits limits)
        throws IOException {
      Hyperparameters hp = limits.settings(in);
      limits.knownDigits = hp.knownDigits();
      limits.featureDim = hp.featureDim();
      for (Hyperparameters other : limits.settings) {
        // a new feature size builds a new run: one file, one size
        check(other.featureDim() == hp.featureDim(), Message.of("runfile.bad.featureDimChanges"));
      }
      check(
          hp.classDigits().length == limits.classes, Message.of("runfile.bad.knownDigitsClasses"));
      Vec2List centers =
          limits.points(in, limits.classes, Message.of("runfile.field.originCenters"));
      StepSnapshot.HeadParameters head = Head.read(in, limits);
      Message what = Message.of("runfile.field.probeLabels");
      int[] labels = BinaryIO.readInts(in, limits.probeSize, 0, PROBE_LABEL_VALUES - 1, what);
      limits.count(labels.length, limits.probeSize, what);
      ProbeResult probe = Probe.read(in, IntVector.copyOf(labels), limits);
      check(probe.step() == 0, Message.of("runfile.bad.originProbeStep"));
      return new RunOrigin(hp, centers, head, probe, fingerprint);
    }
  }

  /**
   * One step: number, epoch, settings, what was in force, its scalars, the centers' move, the
   * batch's class counts, the head before and after, and the batch's details where kept.
   */
  static final class Step {
    private Step() {}

    static void write(DataOutputStream out, StepSnapshot s, Map<Hyperparameters, Integer> index)
        throws IOException {
      out.writeLong(s.step());
      out.writeInt(s.epoch());
      out.writeInt(index.get(s.hyperparameters()));
      out.writeDouble(s.marginInForce());
      out.writeDouble(s.learningRateInForce());
      StepSnapshot.Scalars scalars = s.scalars();
      out.writeDouble(scalars.lossSoftmax());
      out.writeDouble(scalars.lossCenter());
      out.writeDouble(scalars.lossTotal());
      out.writeDouble(scalars.batchAccuracy());
      out.writeDouble(scalars.gradientNorm());
      out.writeDouble(s.stepMillis());
      out.writeBoolean(s.divergence().isPresent());
      if (s.divergence().isPresent()) {
        // the sentence in the files' language; a reader says it again from the step itself
        out.writeUTF(s.divergence().get().forFiles());
      }
      BinaryIO.writeFloats(out, s.centers().before().toArray());
      BinaryIO.writeFloats(out, s.centers().after().toArray());
      BinaryIO.writeFloats(out, s.centers().paperDeltas().toArray());
      BinaryIO.writeInts(out, s.batch().classCounts().toArray());
      Head.write(out, s.head());
      Head.write(out, s.headAfter());
      out.writeBoolean(s.hasBatchDetails());
      if (s.hasBatchDetails()) {
        BinaryIO.writeInts(out, s.batch().labels().toArray());
        BinaryIO.writeFloats(out, s.batch().features().toArray());
        out.writeBoolean(s.batch().featuresAfter().isPresent());
        if (s.batch().featuresAfter().isPresent()) {
          BinaryIO.writeFloats(out, s.batch().featuresAfter().get().toArray());
        }
      }
    }

    static StepSnapshot read(DataInputStream in, Limits limits) throws IOException {
      long step = BinaryIO.readLong(in, 1, MAX_STEPS, Message.of("runfile.field.stepNumber"));
      int epoch = BinaryIO.readInt(in, 0, Integer.MAX_VALUE, Message.of("runfile.field.epoch"));
      Hyperparameters hp = limits.settings(in);
      double margin = BinaryIO.readDouble(in, true, Message.of("runfile.field.margin"));
      check(
          margin >= 0 && margin <= Hyperparameters.MAX_MARGIN,
          Message.of("runfile.bad.marginRange"));
      double learningRate = BinaryIO.readDouble(in, true, Message.of("runfile.field.learningRate"));
      check(learningRate >= 0, Message.of("runfile.bad.learningRateNegative"));
      double lossSoftmax = in.readDouble();
      double lossCenter = in.readDouble();
      double lossTotal = in.readDouble();
      double batchAccuracy = in.readDouble();
      double gradientNorm = in.readDouble();
      double stepMillis = in.readDouble();
      boolean diverged = BinaryIO.readFlag(in, Message.of("runfile.field.divergenceFlag"));
      if (diverged) {
        in.readUTF(); // the sentence as written: it is said again from the step and its losses
      }
      // A diverged step's losses are not numbers: that is what it records. Any other step's are.
      for (double v : new double[] {lossSoftmax, lossCenter, lossTotal, batchAccuracy}) {
        check(diverged || Double.isFinite(v), Message.of("runfile.bad.lossNotFinite"));
      }
      check(
          batchAccuracy >= 0 && batchAccuracy <= 1 || diverged,
          Message.of("runfile.bad.accuracyRange"));
      check(Double.isFinite(stepMillis) && stepMillis >= 0, Message.of("runfile.bad.stepMillis"));
      Vec2List before =
          limits.points(in, limits.classes, Message.of("runfile.field.centersBefore"));
      Vec2List after = limits.points(in, limits.classes, Message.of("runfile.field.centersAfter"));
      Vec2List deltas = limits.points(in, limits.classes, Message.of("runfile.field.deltas"));
      Message countsField = Message.of("runfile.field.classCounts");
      int[] counts = BinaryIO.readInts(in, limits.classes, 0, MAX_BATCH, countsField);
      limits.count(counts.length, limits.classes, countsField);
      StepSnapshot.HeadParameters head = Head.read(in, limits);
      StepSnapshot.HeadParameters headAfter = Head.read(in, limits);
      StepSnapshot.Batch batch = batch(in, IntVector.copyOf(counts), limits);
      StepSnapshot.Scalars scalars =
          new StepSnapshot.Scalars(lossSoftmax, lossCenter, lossTotal, batchAccuracy, gradientNorm);
      return new StepSnapshot(
          step,
          epoch,
          hp,
          margin,
          learningRate,
          scalars,
          batch,
          new StepSnapshot.CenterMove(before, after, deltas),
          head,
          headAfter,
          stepMillis,
          Optional.empty(),
          diverged ? Optional.of(StepSnapshot.divergenceReason(step, scalars)) : Optional.empty());
    }

    /** The batch's labels and features where kept; its class counts always. */
    private static StepSnapshot.Batch batch(DataInputStream in, IntVector counts, Limits limits)
        throws IOException {
      if (!BinaryIO.readFlag(in, Message.of("runfile.field.detailsFlag"))) {
        return new StepSnapshot.Batch(
            IntVector.copyOf(new int[0]), Vec2List.copyOf(new float[0]), Optional.empty(), counts);
      }
      int[] labels =
          BinaryIO.readInts(
              in, MAX_BATCH, 0, LABEL_VALUES - 1, Message.of("runfile.field.batchLabels"));
      check(labels.length > 0, Message.of("runfile.bad.batchWithoutLabels"));
      float[] xy =
          BinaryIO.readFloats(in, 2 * labels.length, Message.of("runfile.field.batchFeatures"));
      check(xy.length == 2 * labels.length, Message.of("runfile.bad.batchFeatures"));
      Optional<Vec2List> moved = Optional.empty();
      if (BinaryIO.readFlag(in, Message.of("runfile.field.featuresAfterFlag"))) {
        moved =
            Optional.of(
                limits.points(in, labels.length, Message.of("runfile.field.batchFeaturesAfter")));
      }
      return new StepSnapshot.Batch(IntVector.copyOf(labels), Vec2List.copyOf(xy), moved, counts);
    }
  }

  /**
   * A checkpoint: the network's parameters, the optimizer's kind (0: none yet, else its ordinal +
   * 1), step count and buffers, the centers, and where the epoch and its sampler stood.
   */
  static final class CheckpointCodec {
    private CheckpointCodec() {}

    static void write(DataOutputStream out, Checkpoint c) throws IOException {
      out.writeLong(c.step());
      writeArrays(out, c.parameters());
      out.writeByte(c.optimizerKind() == null ? 0 : c.optimizerKind().ordinal() + 1);
      out.writeLong(c.optimizerSteps());
      writeArrays(out, c.optimizerFirst());
      writeArrays(out, c.optimizerSecond());
      BinaryIO.writeFloats(out, c.centers());
      out.writeInt(c.epoch());
      out.writeInt(c.taken());
    }

    static Checkpoint read(DataInputStream in, Limits limits) throws IOException {
      long step = BinaryIO.readLong(in, 0, MAX_STEPS, Message.of("runfile.field.checkpointStep"));
      List<float[]> parameters = readArrays(in, Message.of("runfile.field.parameters"));
      int kind = in.readUnsignedByte();
      check(kind <= OptimizerKind.values().length, Message.of("runfile.bad.optimizerKind"));
      long optimizerSteps =
          BinaryIO.readLong(in, 0, MAX_STEPS, Message.of("runfile.field.optimizerSteps"));
      List<float[]> first = readArrays(in, Message.of("runfile.field.optimizerBuffers"));
      List<float[]> second = readArrays(in, Message.of("runfile.field.optimizerSecondBuffers"));
      Message centersField = Message.of("runfile.field.checkpointCenters");
      int centerNumbers = limits.featureDim * limits.classes;
      float[] centers = BinaryIO.readFiniteFloats(in, centerNumbers, centersField);
      limits.count(centers.length, centerNumbers, centersField);
      int epoch =
          BinaryIO.readInt(in, 0, Integer.MAX_VALUE, Message.of("runfile.field.checkpointEpoch"));
      int taken =
          BinaryIO.readInt(in, 0, Integer.MAX_VALUE, Message.of("runfile.field.samplerPosition"));
      return new Checkpoint(
          step,
          parameters,
          kind == 0 ? null : OptimizerKind.values()[kind - 1],
          optimizerSteps,
          first,
          second,
          centers,
          epoch,
          taken);
    }

    private static void writeArrays(DataOutputStream out, List<float[]> arrays) throws IOException {
      out.writeInt(arrays.size());
      for (float[] a : arrays) {
        BinaryIO.writeFloats(out, a);
      }
    }

    private static List<float[]> readArrays(DataInputStream in, Message what) throws IOException {
      int count = BinaryIO.readInt(in, 0, MAX_ARRAYS, Message.of("runfile.field.arrayCount", what));
      List<float[]> arrays = new ArrayList<>();
      long total = 0;
      for (int i = 0; i < count; i++) {
        float[] a = BinaryIO.readFiniteFloats(in, MAX_PARAMETERS, what);
        total += a.length;
        check(total <= MAX_PARAMETERS, Message.of("runfile.bad.tooManyValues", what));
        arrays.add(a);
      }
      return arrays;
    }
  }
}
