package lab.centerloss.train;

import static org.bytedeco.pytorch.global.torch.log_softmax;
import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.nll_loss;

import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Milliseconds per training step of the trainer's session as the run driver takes it (softmax +
 * center loss, center update, snapshot copies) against a bare libtorch loop of the same model
 * (softmax only, nothing copied out), in the same process. Blocks of the two alternate so that the
 * machine's noise hits both.
 */
public final class TrainingBenchmark {
  private static final int BLOCK = 10;

  private TrainingBenchmark() {}

  /** Medians in milliseconds per step. */
  public record Result(
      ModelSize model,
      int batchSize,
      int steps,
      double sessionMedianMs,
      double bareMedianMs,
      double sessionP90Ms,
      double bareP90Ms) {
    /** How much more a session step costs than a bare one, in percent of the bare step. */
    public double overheadPercent() {
      return 100 * (sessionMedianMs - bareMedianMs) / bareMedianMs;
    }
  }

  public static Result measure(
      TrainingEngine engine, ModelSize model, int batchSize, int warmupSteps, int measuredSteps) {
    Hyperparameters hp = Hyperparameters.defaults().withModel(model).withBatchSize(batchSize);
    DeviceData data = engine.data();
    try (TrainingSession session = engine.newSession(hp);
        BareLoop bare = new BareLoop(data, engine.device(), hp)) {
      // the trainer's step, with the policies applied (none due: as the window trains at full
      // speed between probes)
      RunDriver driver = RunDriver.of(session, 0);
      for (int i = 0; i < warmupSteps; i++) {
        driver.step(hp, false, false);
        bare.step();
      }
      int blocks = Math.max(1, measuredSteps / BLOCK);
      double[] sessionMs = new double[blocks * BLOCK];
      double[] bareMs = new double[blocks * BLOCK];
      for (int b = 0; b < blocks; b++) {
        for (int i = 0; i < BLOCK; i++) {
          long start = System.nanoTime();
          driver.step(hp, false, false);
          sessionMs[b * BLOCK + i] = (System.nanoTime() - start) / 1e6;
        }
        for (int i = 0; i < BLOCK; i++) {
          long start = System.nanoTime();
          bare.step();
          bareMs[b * BLOCK + i] = (System.nanoTime() - start) / 1e6;
        }
      }
      return new Result(
          model,
          batchSize,
          blocks * BLOCK,
          percentile(sessionMs, 0.5),
          percentile(bareMs, 0.5),
          percentile(sessionMs, 0.9),
          percentile(bareMs, 0.9));
    }
  }

  static double percentile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)));
    return sorted[index];
  }

  /** Forward, cross-entropy, backward, SGD: what any libtorch training loop does, and no more. */
  private static final class BareLoop implements AutoCloseable {
    private final DeviceData data;
    private final Torch.DeviceInfo device;
    private final Network net;
    private final SGD optimizer;
    private final BatchSampler sampler;
    private final int batchSize;

    BareLoop(DeviceData data, Torch.DeviceInfo device, Hyperparameters hp) {
      this.data = data;
      this.device = device;
      manual_seed(hp.seed());
      net = new Network(hp.model(), hp.featureDim(), hp.classDigits().length);
      net.to(device.device(), false);
      SGDOptions options = new SGDOptions(hp.learningRate());
      options.momentum().put(hp.momentum());
      options.weight_decay().put(hp.weightDecay());
      optimizer = new SGD(net.parameters(), options);
      sampler = new BatchSampler(data.trainCount, hp.seed());
      batchSize = hp.batchSize();
    }

    void step() {
      try (PointerScope scope = new PointerScope()) {
        Tensor index = Torch.longs(sampler.next(batchSize)).to(device.device(), ScalarType.Long);
        Tensor labels = data.trainLabels.index_select(0, index);
        Tensor features = net.trunk.forward(data.trainImages.index_select(0, index));
        Tensor loss =
            nll_loss(
                log_softmax(net.head.trainingLogits(features, labels, HeadKind.SOFTMAX, 1, 0), 1),
                labels);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        loss.item_double(); // a sync point, as the session has one
      }
    }

    @Override
    public void close() {
      optimizer.close();
      net.close();
    }
  }
}
