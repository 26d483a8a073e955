package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import lab.centerloss.data.DataSetException;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.testing.TestData;
import lab.centerloss.train.TrainerStatus.State;
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

        @Override
        public void onSnapshot(StepSnapshot snapshot) {
            threads.add(Thread.currentThread().getName());
            snapshots.add(snapshot);
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
                Thread.sleep(20);
            }
            throw new AssertionError("no such status; seen " + statuses);
        }

        StepSnapshot next() throws InterruptedException {
            StepSnapshot s = snapshots.poll(60, TimeUnit.SECONDS);
            assertThat(s).as("a snapshot within 60 s").isNotNull();
            return s;
        }
    }

    @Test
    @DisplayName("step trains exactly one batch and pauses; play runs; pause stops; reset starts again from the seed")
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
            Thread.sleep(300);
            assertThat(recorder.snapshots).as("nothing after one step").isEmpty();
            assertThat(trainer.latest()).contains(first);

            trainer.setHyperparameters(Hyperparameters.defaults().withLambda(0.5));
            trainer.play();
            StepSnapshot second = recorder.next();
            assertThat(second.step()).isEqualTo(2);
            assertThat(second.hyperparameters().lambda()).isEqualTo(0.5);
            recorder.next();
            trainer.pause();
            recorder.awaitStatus(s -> s.state() == State.PAUSED && s.message().equals("Paused."));
            Thread.sleep(200);
            recorder.snapshots.clear();
            Thread.sleep(300);
            assertThat(recorder.snapshots).as("paused").isEmpty();

            trainer.setHyperparameters(Hyperparameters.defaults());
            trainer.reset();
            trainer.step();
            StepSnapshot again = recorder.next();
            assertThat(again.step()).isEqualTo(1);
            assertThat(again.centersAfter()).isEqualTo(first.centersAfter());
            assertThat(again.batchFeatures()).isEqualTo(first.batchFeatures());
            assertThat(recorder.threads).containsOnly("trainer");
        }
    }

    @Test
    @DisplayName("reset while training: nothing of the old run is published after reset() returns")
    void resetWhileRunning() throws Exception {
        Recorder recorder = new Recorder();
        try (Trainer trainer = new Trainer(TestData::mnist, SETTINGS, Hyperparameters.defaults().withBatchSize(32))) {
            trainer.addListener(recorder);
            trainer.launch();
            recorder.awaitStatus(s -> s.state() == State.PAUSED);
            trainer.play();
            recorder.next();
            recorder.next();
            trainer.reset();
            assertThat(trainer.latest()).isEmpty();
            recorder.snapshots.clear();
            Thread.sleep(300);
            assertThat(recorder.snapshots).as("nothing from the old run, and reset pauses").isEmpty();
            trainer.step();
            assertThat(recorder.next().step()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("divergence pauses the trainer with the reason; reset recovers")
    void divergencePausesAndResetRecovers() throws Exception {
        Recorder recorder = new Recorder();
        try (Trainer trainer = new Trainer(TestData::mnist, SETTINGS, Hyperparameters.defaults().withLearningRate(5))) {
            trainer.addListener(recorder);
            trainer.launch();
            trainer.play();
            TrainerStatus diverged = recorder.awaitStatus(s -> s.state() == State.DIVERGED);
            assertThat(diverged.message()).startsWith("Training diverged at step");
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
    @DisplayName("a data folder that cannot be loaded fails the trainer with the reader's sentence")
    void brokenData() throws Exception {
        Recorder recorder = new Recorder();
        Trainer.DataSource broken = () -> {
            throw new DataSetException("Data file train-images-idx3-ubyte.gz is missing.");
        };
        try (Trainer trainer = new Trainer(broken, SETTINGS, Hyperparameters.defaults())) {
            trainer.addListener(recorder);
            trainer.launch();
            TrainerStatus failed = recorder.awaitStatus(s -> s.state() == State.NO_DATA);
            assertThat(failed.message()).isEqualTo("Data file train-images-idx3-ubyte.gz is missing.");
        }
    }

    @Test
    @DisplayName("libtorch failing in a step fails the trainer with libtorch's message, which stays")
    void libtorchFailsWhileTraining() throws Exception {
        // 8x8 images, which the reader refuses, handed over directly: LeNet++ cannot reshape them.
        Trainer.DataSource tooSmall = () -> new MnistDataSet(split(256, 8), split(64, 8));
        Recorder recorder = new Recorder();
        try (Trainer trainer = new Trainer(tooSmall, SETTINGS, Hyperparameters.defaults())) {
            trainer.addListener(recorder);
            trainer.launch();
            recorder.awaitStatus(s -> s.state() == State.PAUSED);
            trainer.step();
            TrainerStatus failed = recorder.awaitStatus(s -> s.state() == State.FAILED);
            assertThat(failed.message()).startsWith("Training failed: shape ").doesNotContain("frame #", "\n");
            Thread.sleep(300);
            assertThat(trainer.status()).isEqualTo(failed);
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
