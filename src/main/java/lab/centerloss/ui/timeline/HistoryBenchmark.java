package lab.centerloss.ui.timeline;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.plot.PlaneRenderer;
import lab.centerloss.plot.PlaneStyle;
import lab.centerloss.store.RunRecord;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.CheckpointKeeping;
import lab.centerloss.train.FloatVector;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.OptimizerKind;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.ProbeSchedule;
import lab.centerloss.train.RunDriver;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.StopRule;
import lab.centerloss.train.Vec2List;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.ViewOptions;
import lab.centerloss.ui.plane.PlaneViewModel;

/**
 * How a long run behaves in the window, measured on a run of the lite model's sizes (batch 128, a
 * probe of 2,000 images every 5 steps as the window takes it, checkpoints as the trainer keeps
 * them, 50,527 parameters with SGD's momentum): the memory the history holds, and the time from
 * "show step k" to its frame drawn, for random steps, as the scrubber asks while dragged.
 */
public final class HistoryBenchmark {
  /**
   * The lite model's parameter count, from its layers (8/16/32 channels, 5x5 kernels, 2-D feature).
   */
  static final int LITE_PARAMETERS = 50_527;

  private HistoryBenchmark() {}

  public record Result(
      int steps,
      int probesKept,
      int checkpointsKept,
      double heapMegabytes,
      double estimatedMegabytes,
      double showMedianMs,
      double showP95Ms,
      double showMaxMs) {}

  /** Builds the run; call off the JavaFX thread after {@link HeadlessFx#start()}. */
  public static Result measure(int stepCount, int scrubs, int width, int height) {
    SplittableRandom random = new SplittableRandom(11);
    long heapBefore = usedHeap();
    RunRecord record = syntheticRun(stepCount, random);
    long heapAfter = usedHeap();
    RunHistory history = new RunHistory();
    PlaneViewModel plane = new PlaneViewModel(history, new ViewOptions());
    Canvas canvas = HeadlessFx.call(() -> new Canvas(width, height));
    WritableImage target = new WritableImage(width, height);
    PlaneRenderer renderer = new PlaneRenderer();
    HeadlessFx.call(
        () -> {
          history.show(record);
          return null;
        });
    double[] millis = new double[scrubs];
    for (int i = -20; i < scrubs; i++) {
      long step = 1 + random.nextInt(stepCount);
      double elapsed =
          HeadlessFx.call(
              () -> {
                long start = System.nanoTime();
                history.showStep(step);
                renderer.render(
                    canvas.getGraphicsContext2D(),
                    width,
                    height,
                    plane.sceneAt(System.nanoTime(), width, height),
                    PlaneStyle.normal());
                canvas.snapshot(null, target);
                return (System.nanoTime() - start) / 1e6;
              });
      if (i >= 0) {
        millis[i] = elapsed;
      }
    }
    Arrays.sort(millis);
    return new Result(
        stepCount,
        record.probes().size(),
        record.checkpoints().size(),
        (heapAfter - heapBefore) / 1e6,
        record.estimatedBytes() / 1e6,
        millis[scrubs / 2],
        millis[(int) Math.min(scrubs - 1, Math.ceil(0.95 * scrubs) - 1)],
        millis[scrubs - 1]);
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static float[] gaussian(SplittableRandom random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  static RunRecord syntheticRun(int stepCount, SplittableRandom random) {
    Hyperparameters hp = Hyperparameters.defaults();
    SyntheticSession session = new SyntheticSession(random);
    RunRecord record = new RunRecord(session.origin(hp, PROBE_SIZE));
    RunDriver.of(session, PROBE_SIZE)
        .recordingProbes(ProbeSchedule.every(5))
        .keepingCheckpoints(CheckpointKeeping.SPACED)
        .into(
            new RunDriver.Sink() {
              @Override
              public void onSnapshot(StepSnapshot snapshot) {
                record.add(snapshot);
              }

              @Override
              public void onCheckpoint(Checkpoint checkpoint) {
                record.addCheckpoint(checkpoint);
              }
            })
        .run(hp, StopRule.atStep(stepCount));
    return record;
  }

  private static final int CLASSES = 10;
  private static final int PROBE_SIZE = 2000;
  private static final int BATCH = 128;

  /**
   * Random numbers of the lite model's sizes in place of training: what the window holds of a long
   * run, without the hours of training it.
   */
  private static final class SyntheticSession implements RunDriver.Session {
    private final SplittableRandom random;
    private final int[] probeLabels = new int[PROBE_SIZE];
    private long stepsDone;

    SyntheticSession(SplittableRandom random) {
      this.random = random;
      for (int i = 0; i < PROBE_SIZE; i++) {
        probeLabels[i] = i % CLASSES;
      }
    }

    @Override
    public long stepsDone() {
      return stepsDone;
    }

    @Override
    public RunOrigin origin(Hyperparameters hp, int probeSize) {
      IntVector labels = IntVector.copyOf(probeLabels);
      StepSnapshot.HeadParameters head =
          new StepSnapshot.HeadParameters(
              Vec2List.copyOf(gaussian(random, 20)),
              Optional.of(FloatVector.copyOf(gaussian(random, 10))));
      return new RunOrigin(
          hp,
          Vec2List.copyOf(new float[20]),
          head,
          new ProbeResult(0, Vec2List.copyOf(gaussian(random, 2 * probeSize)), labels, labels),
          "0".repeat(64));
    }

    @Override
    public StepSnapshot step(Hyperparameters hp, boolean withFeaturesAfter) {
      long step = ++stepsDone;
      int[] batchLabels = new int[BATCH];
      int[] counts = new int[CLASSES];
      for (int i = 0; i < BATCH; i++) {
        batchLabels[i] = random.nextInt(CLASSES);
        counts[batchLabels[i]]++;
      }
      return new StepSnapshot(
          step,
          1 + (int) (step / 468),
          hp,
          0,
          0.01,
          new StepSnapshot.Scalars(1, 0.5, 1.05, 0.9, 1),
          new StepSnapshot.Batch(
              IntVector.copyOf(batchLabels),
              Vec2List.copyOf(gaussian(random, 2 * BATCH)),
              Optional.empty(),
              IntVector.copyOf(counts)),
          new StepSnapshot.CenterMove(
              Vec2List.copyOf(gaussian(random, 20)),
              Vec2List.copyOf(gaussian(random, 20)),
              Vec2List.copyOf(gaussian(random, 20))),
          new StepSnapshot.HeadParameters(
              Vec2List.copyOf(gaussian(random, 20)),
              Optional.of(FloatVector.copyOf(gaussian(random, 10)))),
          new StepSnapshot.HeadParameters(
              Vec2List.copyOf(gaussian(random, 20)),
              Optional.of(FloatVector.copyOf(gaussian(random, 10)))),
          40,
          Optional.empty(),
          Optional.empty());
    }

    @Override
    public ProbeResult probe(int size, HeadKind head) {
      int[] predictions = new int[size];
      for (int i = 0; i < size; i++) {
        predictions[i] = random.nextInt(CLASSES);
      }
      return new ProbeResult(
          stepsDone,
          Vec2List.copyOf(gaussian(random, 2 * size)),
          IntVector.copyOf(probeLabels),
          IntVector.copyOf(predictions));
    }

    @Override
    public Checkpoint checkpoint() {
      List<float[]> parameters = new ArrayList<>();
      parameters.add(gaussian(random, LITE_PARAMETERS));
      List<float[]> momentum = new ArrayList<>();
      momentum.add(gaussian(random, LITE_PARAMETERS));
      return new Checkpoint(
          stepsDone,
          parameters,
          OptimizerKind.SGD,
          stepsDone,
          momentum,
          List.of(),
          gaussian(random, 20),
          1,
          0);
    }
  }
}
