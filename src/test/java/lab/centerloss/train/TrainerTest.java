package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import lab.centerloss.data.DataSetException;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.testing.TestData;
import lab.centerloss.text.Language;
import lab.centerloss.text.Message;
import lab.centerloss.text.Messages;
import lab.centerloss.train.TrainerStatus.State;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The trainer's thread and its commands, with real training. */
class TrainerTest {
  private static final Trainer.Settings SETTINGS = new Trainer.Settings(DeviceChoice.CPU, 0, 200);

  /** Records everything published, on the trainer's thread, without blocking it. */
  private static final class Recorder implements TrainerListener {
    final BlockingQueue<StepSnapshot> snapshots = new LinkedBlockingQueue<>();
    final List<TrainerStatus> statuses = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();

    @Override
    public void onCheckpoint(Checkpoint checkpoint) {
      checkpoints.add(checkpoint);
    }

    @Override
    public void onSteps(long run, List<Comparison.PaneStep> steps) {
      threads.add(Thread.currentThread().getName());
      assertThat(steps).extracting(Comparison.PaneStep::pane).containsExactly(0);
      snapshots.add(steps.get(0).snapshot());
    }

    @Override
    public void onStatus(TrainerStatus status) {
      statuses.add(status);
    }

    TrainerStatus awaitStatus(Predicate<TrainerStatus> condition) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        for (TrainerStatus s : statuses) {
          if (condition.test(s)) {
            return s;
          }
        }
        LockSupport.parkNanos(20_000_000L);
      }
      throw new AssertionError("no such status; seen " + statuses);
    }

    /** The next snapshot, or an assertion error at once when the trainer failed instead. */
    StepSnapshot nextUnlessFailed() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        StepSnapshot s = snapshots.poll(20, TimeUnit.MILLISECONDS);
        if (s != null) {
          return s;
        }
        for (TrainerStatus status : statuses) {
          assertThat(status.state())
              .as("the trainer failed: %s", status)
              .isNotEqualTo(State.FAILED);
        }
      }
      throw new AssertionError("no snapshot within 60 s; seen " + statuses);
    }

    StepSnapshot next() throws InterruptedException {
      StepSnapshot s = snapshots.poll(60, TimeUnit.SECONDS);
      assertThat(s).as("a snapshot within 60 s").isNotNull();
      return s;
    }
  }

  @Test
  @DisplayName(
      "step trains exactly one batch and pauses; play runs; pause stops; reset starts again from the seed")
  void commands() throws Exception {
    Recorder recorder = new Recorder();
    try (Trainer trainer = new Trainer(TestData::mnist, SETTINGS, Hyperparameters.defaults())) {
      trainer.addListener(recorder);
      trainer.launch();
      recorder.awaitStatus(s -> s.state() == State.PAUSED);

      trainer.step();
      StepSnapshot first = recorder.next();
      assertThat(first.step()).isEqualTo(1);
      assertThat(first.probe()).isPresent();
      assertThat(first.batch().featuresAfter())
          .as("a single step records where its features went")
          .isPresent();
      // Commands run in order on the trainer's thread: the probe asked for now republishes the
      // latest step, so had a second step been trained, its number would show here.
      trainer.requestProbe();
      assertThat(recorder.next().step()).as("nothing after one step").isEqualTo(1);
      assertThat(trainer.latest().map(StepSnapshot::step)).contains(1L);

      trainer.setHyperparameters(Hyperparameters.defaults().withLambda(0.5));
      trainer.play();
      StepSnapshot second = recorder.next();
      assertThat(second.step()).isEqualTo(2);
      assertThat(second.hyperparameters().lambda()).isEqualTo(0.5);
      recorder.next();
      recorder.statuses.clear();
      trainer.pause();
      recorder.awaitStatus(
          s -> s.state() == State.PAUSED && s.message().render().equals("Paused."));
      // Every step trained before the pause was published before its status: drop them.
      recorder.snapshots.clear();
      trainer.requestProbe();
      long pausedAt = recorder.next().step();
      trainer.requestProbe();
      assertThat(recorder.next().step()).as("paused").isEqualTo(pausedAt);

      trainer.setHyperparameters(Hyperparameters.defaults());
      trainer.reset();
      trainer.step();
      StepSnapshot again = recorder.next();
      assertThat(again.step()).isEqualTo(1);
      assertThat(again.centers().after()).isEqualTo(first.centers().after());
      assertThat(again.batch().features()).isEqualTo(first.batch().features());
      assertThat(recorder.threads).containsOnly("trainer");
    }
  }

  @Test
  @DisplayName(
      "playUntil trains to exactly that step and pauses there; play afterwards has no limit")
  void playUntilStopsAtTheStep() throws Exception {
    Recorder recorder = new Recorder();
    try (Trainer trainer =
        new Trainer(TestData::mnist, SETTINGS, Hyperparameters.defaults().withBatchSize(16))) {
      trainer.addListener(recorder);
      trainer.launch();
      recorder.awaitStatus(s -> s.state() == State.PAUSED);
      recorder.statuses.clear();
      trainer.playUntil(7);
      for (int i = 1; i <= 7; i++) {
        assertThat(recorder.next().step()).isEqualTo(i);
      }
      recorder.awaitStatus(s -> s.state() == State.PAUSED);
      // had an eighth step been trained, the probe asked for now would republish it
      trainer.requestProbe();
      assertThat(recorder.next().step()).as("stopped at the step asked for").isEqualTo(7);

      recorder.statuses.clear();
      trainer.play();
      recorder.awaitStatus(s -> s.state() == State.RUNNING);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      long latest = 7;
      while (latest < 12 && System.nanoTime() < deadline) {
        latest = recorder.next().step();
      }
      assertThat(latest).as("play after the limit runs on").isGreaterThanOrEqualTo(12);
      trainer.pause();
    }
  }

  @Test
  @DisplayName(
      "branching from step k of a run and changing nothing gives the same steps as the original run")
  void branchRepeatsTheRun() throws Exception {
    Recorder recorder = new Recorder();
    List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
    recorder.checkpoints = checkpoints;
    Hyperparameters hp = Hyperparameters.defaults().withBatchSize(32);
    try (Trainer trainer = new Trainer(TestData::mnist, SETTINGS, hp)) {
      trainer.addListener(recorder);
      trainer.launch();
      recorder.awaitStatus(s -> s.state() == State.PAUSED);
      List<StepSnapshot> original = new ArrayList<>();
      for (int i = 1; i <= 30; i++) {
        trainer.step();
        StepSnapshot s = recorder.next();
        if (i == 12) {
          // the settings changed on the way: the branch replays them too
          hp = hp.withLambda(0.4);
          trainer.setHyperparameters(hp);
        }
        original.add(s);
      }
      assertThat(checkpoints).as("one at the start").hasSize(1);
      List<Hyperparameters> replay =
          original.subList(0, 20).stream().map(StepSnapshot::hyperparameters).toList();
      trainer.branch(
          new Trainer.BranchRequest(
              checkpoints.get(0), Hyperparameters.defaults().withBatchSize(32), replay));
      recorder.snapshots.clear();
      for (int i = 21; i <= 30; i++) {
        trainer.step();
        StepSnapshot again = recorder.next();
        StepSnapshot expected = original.get(i - 1);
        assertThat(again.step()).isEqualTo(i);
        assertThat(again.batch().labels()).isEqualTo(expected.batch().labels());
        assertThat(again.batch().features())
            .as("step %d", i)
            .isEqualTo(expected.batch().features());
        assertThat(again.centers().after()).isEqualTo(expected.centers().after());
        assertThat(again.scalars()).isEqualTo(expected.scalars());
      }
    }
  }

  @Test
  @DisplayName(
      "continuing a run of another shape (3-D features, six known digits) while the settings are the 2-D closed set: the network keeps its shape, the other settings apply")
  void branchKeepsTheNetworksShape() throws Exception {
    Recorder recorder = new Recorder();
    List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
    recorder.checkpoints = checkpoints;
    Hyperparameters shaped =
        Hyperparameters.defaults()
            .withBatchSize(32)
            .withFeatureDim(3)
            .withKnownDigits(DigitSet.OPEN_SET);
    try (Trainer trainer = new Trainer(TestData::mnist, SETTINGS, shaped)) {
      trainer.addListener(recorder);
      trainer.launch();
      recorder.awaitStatus(s -> s.state() == State.PAUSED);
      List<Hyperparameters> replay = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        trainer.step();
        replay.add(recorder.next().hyperparameters());
      }
      // the window's sliders before the run was opened: another shape, another lambda
      Hyperparameters sliders = Hyperparameters.defaults().withBatchSize(32).withLambda(0.4);
      trainer.setHyperparameters(sliders);
      trainer.branch(new Trainer.BranchRequest(checkpoints.get(0), shaped, replay));
      recorder.snapshots.clear();
      trainer.step();
      StepSnapshot next = recorder.nextUnlessFailed();
      assertThat(next.step()).isEqualTo(4);
      assertThat(next.hyperparameters().featureDim()).isEqualTo(3);
      assertThat(next.hyperparameters().knownDigits()).isEqualTo(DigitSet.OPEN_SET);
      assertThat(next.hyperparameters().lambda()).as("the sliders' own").isEqualTo(0.4);
      assertThat(next.centers().after().size()).isEqualTo(6);
      assertThat(next.scalars().lossTotal()).isFinite();
    }
  }

  @Test
  @DisplayName(
      "Continue from here clicked many times while a replay runs: the trainer lives and goes on from the last branch asked for")
  void manyBranchesDuringAReplay() throws Exception {
    Recorder recorder = new Recorder();
    List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
    recorder.checkpoints = checkpoints;
    Hyperparameters hp = Hyperparameters.defaults().withBatchSize(32);
    try (Trainer trainer = new Trainer(TestData::mnist, SETTINGS, hp)) {
      trainer.addListener(recorder);
      trainer.launch();
      recorder.awaitStatus(s -> s.state() == State.PAUSED);
      trainer.playUntil(40);
      List<StepSnapshot> original = new ArrayList<>();
      for (int i = 1; i <= 40; i++) {
        original.add(recorder.next());
      }
      recorder.awaitStatus(s -> s.state() == State.PAUSED);
      List<Hyperparameters> settings =
          original.stream().map(StepSnapshot::hyperparameters).toList();
      // ten clicks in a row, as fast as a hand can: the first replay of 40 steps is still running
      // when the others arrive
      for (int branchStep = 40; branchStep > 30; branchStep--) {
        trainer.branch(
            new Trainer.BranchRequest(checkpoints.get(0), hp, settings.subList(0, branchStep)));
      }
      recorder.snapshots.clear();
      trainer.step();
      StepSnapshot next = recorder.nextUnlessFailed();
      assertThat(next.step()).as("the last branch asked for: step 31, then one step").isEqualTo(32);
      assertThat(next.batch().features()).isEqualTo(original.get(31).batch().features());
      assertThat(trainer.status().state()).isEqualTo(State.PAUSED);
    }
  }

  @Test
  @DisplayName(
      "a session refuses, with IllegalStateException, every call from a thread other than the one that made it")
  void sessionRefusesOtherThreads() throws Exception {
    Hyperparameters hp = Hyperparameters.defaults().withBatchSize(16);
    ExecutorService other = Executors.newSingleThreadExecutor(r -> new Thread(r, "intruder"));
    try (TrainingEngine engine = TrainingEngine.open(TestData.mnist(), DeviceChoice.CPU, 0);
        TrainingSession session = engine.newSession(hp)) {
      assertThat(session.step(hp, false).step()).as("its own thread may").isEqualTo(1);
      List<Callable<Object>> calls =
          List.of(
              () -> session.step(hp, false),
              () -> session.probe(10, hp.head()),
              session::checkpoint,
              () -> session.featureOfDrawing(new byte[28 * 28], hp.head()),
              session::stepsDone,
              () -> {
                session.close();
                return null;
              });
      for (Callable<Object> call : calls) {
        assertThat(other.submit(call))
            .failsWithin(Duration.ofSeconds(10))
            .withThrowableOfType(ExecutionException.class)
            .havingCause()
            .isInstanceOf(IllegalStateException.class)
            .withMessageContaining("called from thread intruder");
      }
      assertThat(session.stepsDone()).as("nothing was done").isEqualTo(1);
      assertThat(other.submit(engine::close))
          .failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(ExecutionException.class)
          .havingCause()
          .isInstanceOf(IllegalStateException.class);
    } finally {
      other.shutdown();
    }
  }

  @Test
  @DisplayName(
      "the trainer makes every call of its session on its one thread, whatever thread the commands come from")
  void everyCallOnTheTrainersThread() throws Exception {
    Recorder recorder = new Recorder();
    List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
    recorder.checkpoints = checkpoints;
    Hyperparameters hp = Hyperparameters.defaults().withBatchSize(16);
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try (Trainer trainer = new Trainer(TestData::mnist, SETTINGS, hp)) {
      trainer.addListener(recorder);
      trainer.launch();
      recorder.awaitStatus(s -> s.state() == State.PAUSED);
      // commands from three threads at once; a session call made off the trainer's thread would
      // be refused, and the trainer would fail with that refusal
      List<Future<?>> asked = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        asked.add(
            callers.submit(
                () -> {
                  trainer.setHyperparameters(hp.withLambda(0.2));
                  trainer.step();
                  trainer.requestProbe();
                  trainer.setStepsPerSecond(50);
                }));
      }
      for (Future<?> f : asked) {
        f.get(10, TimeUnit.SECONDS);
      }
      for (int i = 0; i < 3; i++) {
        recorder.nextUnlessFailed();
      }
      assertThat(callers.submit(() -> trainer.featureOfDrawing(new byte[28 * 28])).get())
          .succeedsWithin(Duration.ofSeconds(60));
      trainer.playUntil(8);
      recorder.awaitStatus(s -> s.state() == State.RUNNING);
      callers
          .submit(
              () -> {
                trainer.branch(
                    new Trainer.BranchRequest(checkpoints.get(0), hp, List.of(hp, hp, hp)));
                trainer.reset();
              })
          .get(10, TimeUnit.SECONDS);
      recorder.snapshots.clear();
      trainer.step();
      assertThat(recorder.nextUnlessFailed().step()).as("after the reset").isEqualTo(1);
      assertThat(trainer.status().state()).isEqualTo(State.PAUSED);
      assertThat(recorder.threads).containsOnly("trainer");
    } finally {
      callers.shutdown();
    }
  }

  @Test
  @DisplayName("reset while training: nothing of the old run is published after reset() returns")
  void resetWhileRunning() throws Exception {
    Recorder recorder = new Recorder();
    try (Trainer trainer =
        new Trainer(TestData::mnist, SETTINGS, Hyperparameters.defaults().withBatchSize(32))) {
      trainer.addListener(recorder);
      trainer.launch();
      recorder.awaitStatus(s -> s.state() == State.PAUSED);
      trainer.play();
      recorder.next();
      recorder.next();
      trainer.reset();
      assertThat(trainer.latest()).isEmpty();
      recorder.snapshots.clear();
      // Nothing of the old run arrives after reset() returned, and reset pauses: the first
      // snapshot now is the step asked for, step 1 of the new run.
      trainer.step();
      assertThat(recorder.next().step()).isEqualTo(1);
      trainer.requestProbe();
      assertThat(recorder.next().step()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("divergence pauses the trainer with the reason; reset recovers")
  void divergencePausesAndResetRecovers() throws Exception {
    Recorder recorder = new Recorder();
    Hyperparameters blowsUp =
        Hyperparameters.defaults()
            .withLearningRate(5)
            .withLearningRateWarmupSteps(0)
            .withGradientClipNorm(0);
    try (Trainer trainer = new Trainer(TestData::mnist, SETTINGS, blowsUp)) {
      trainer.addListener(recorder);
      trainer.launch();
      trainer.play();
      TrainerStatus diverged = recorder.awaitStatus(s -> s.state() == State.DIVERGED);
      assertThat(diverged.message().render()).startsWith("Training diverged at step");
      trainer.setHyperparameters(Hyperparameters.defaults());
      trainer.reset();
      recorder.snapshots.clear();
      trainer.step();
      StepSnapshot after = recorder.next();
      assertThat(after.step()).isEqualTo(1);
      assertThat(after.diverged()).isFalse();
    }
  }

  @Test
  @DisplayName(
      "a window that asks for the GPU on a machine without one is told so once and trains on the CPU")
  void gpuFallsBackToTheCpu() throws Exception {
    Assumptions.assumeFalse(Torch.gpuNativesBundled() && cudaAvailable());
    Recorder recorder = new Recorder();
    try (Trainer trainer =
        new Trainer(
            TestData::mnist,
            new Trainer.Settings(DeviceChoice.CUDA, 0, 100),
            Hyperparameters.defaults())) {
      trainer.addListener(recorder);
      trainer.launch();
      TrainerStatus ready = recorder.awaitStatus(s -> s.state() == State.PAUSED);
      assertThat(ready.device().orElseThrow().render()).startsWith("CPU with");
      assertThat(trainer.notice().orElseThrow().render())
          .startsWith("CUDA was asked for, but ")
          .endsWith(" Training on the CPU instead.");
      trainer.step();
      assertThat(recorder.next().step()).isEqualTo(1);
    }
  }

  private static boolean cudaAvailable() {
    Torch.load();
    return org.bytedeco.pytorch.global.torch.cuda_is_available();
  }

  @Test
  @DisplayName("a data folder that cannot be loaded fails the trainer with the reader's sentence")
  void brokenData() throws Exception {
    Recorder recorder = new Recorder();
    Trainer.DataSource broken =
        () -> {
          throw new DataSetException(Message.of("data.fileMissing", "train-images-idx3-ubyte.gz"));
        };
    try (Trainer trainer = new Trainer(broken, SETTINGS, Hyperparameters.defaults())) {
      trainer.addListener(recorder);
      trainer.launch();
      TrainerStatus failed = recorder.awaitStatus(s -> s.state() == State.NO_DATA);
      assertThat(failed.message().render())
          .isEqualTo("Data file train-images-idx3-ubyte.gz is missing.");
      // the status holds the reader's message, not its words: after a switch it reads in Chinese
      Language before = Messages.language();
      try {
        Messages.use(Language.SIMPLIFIED_CHINESE);
        assertThat(failed.message().render()).contains("缺少数据文件 train-images-idx3-ubyte.gz");
      } finally {
        Messages.use(before);
      }
      // a drawing cannot wait for a trainer that will never train: it fails at once
      var drawing = trainer.featureOfDrawing(new byte[28 * 28]);
      assertThat(drawing).failsWithin(Duration.ofSeconds(10));
    }
  }

  @Test
  @DisplayName("libtorch failing fails the trainer with libtorch's message, which stays")
  void libtorchFailsWhileTraining() throws Exception {
    // 8x8 images, which the reader refuses, handed over directly: LeNet++ cannot reshape them.
    Trainer.DataSource tooSmall = () -> new MnistDataSet(split(256, 8), split(64, 8));
    Recorder recorder = new Recorder();
    try (Trainer trainer = new Trainer(tooSmall, SETTINGS, Hyperparameters.defaults())) {
      trainer.addListener(recorder);
      trainer.launch();
      // the untrained network's probe at step 0 already runs the images through it
      TrainerStatus failed = recorder.awaitStatus(s -> s.state() == State.FAILED);
      assertThat(failed.message().render())
          .startsWith("Training failed: shape ")
          .doesNotContain("frame #", "\n");
      trainer.close(); // joins the trainer's thread: whatever it said last has been said
      assertThat(trainer.status()).isEqualTo(failed);
      assertThat(recorder.statuses.get(recorder.statuses.size() - 1)).isEqualTo(failed);
      assertThat(recorder.snapshots).isEmpty();
    }
  }

  private static MnistDataSet.Split split(int count, int side) {
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % 10);
    }
    return new MnistDataSet.Split(count, side, side, new byte[count * side * side], labels);
  }
}
