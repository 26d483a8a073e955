package lab.centerloss.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ModelSize;
import lab.centerloss.train.OptimizerKind;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.TrainerControls;
import lab.centerloss.train.TrainerListener;
import lab.centerloss.train.TrainerStatus;
import lab.centerloss.train.TrainerStatus.State;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The view model alone, without a window and without libtorch: what it asks of the trainer. */
class MainViewModelTest {
    /** Writes down every call; stands in for the trainer so that only the view model is tested. */
    private static final class CallLog implements TrainerControls {
        final List<String> calls = new ArrayList<>();
        final List<Hyperparameters> records = new ArrayList<>();

        @Override public void play() { calls.add("play"); }
        @Override public void pause() { calls.add("pause"); }
        @Override public void step() { calls.add("step"); }
        @Override public void reset() { calls.add("reset"); }
        @Override public void setHyperparameters(Hyperparameters hp) { records.add(hp); }
        @Override public void setStepsPerSecond(double rate) { calls.add("rate " + rate); }
        @Override public void setProbeEvery(int steps) { }
        @Override public void addListener(TrainerListener listener) { }
        @Override public Optional<StepSnapshot> latest() { return Optional.empty(); }
        TrainerStatus status = new TrainerStatus(State.PAUSED, "Ready.", "CPU with 2 threads");
        @Override public TrainerStatus status() { return status; }
        @Override public void close() { calls.add("close"); }
    }

    private CallLog trainer;
    private MainViewModel viewModel;

    @BeforeEach
    void createViewModel() {
        trainer = new CallLog();
        viewModel = new MainViewModel((folder, hp) -> trainer, Path.of("datasets/mnist"), Hyperparameters.defaults());
        viewModel.start();
    }

    @Test
    @DisplayName("after libtorch failed, the message shows and Restart builds a new trainer from the current settings")
    void restartAfterFailure() {
        List<CallLog> created = new ArrayList<>();
        MainViewModel failing = new MainViewModel((folder, hp) -> {
            CallLog log = new CallLog();
            log.status = created.isEmpty()
                    ? new TrainerStatus(State.FAILED, "Training failed: out of memory", "CPU with 2 threads")
                    : new TrainerStatus(State.LOADING, "Loading libtorch and the data set…", "");
            created.add(log);
            return log;
        }, Path.of("datasets/mnist"), Hyperparameters.defaults());
        failing.start();
        assertThat(failing.problemTextProperty().get()).isEqualTo("Training failed: out of memory");
        assertThat(failing.restartOfferedProperty().get()).isTrue();
        assertThat(failing.dataProblemProperty().get()).isFalse();

        failing.reset(); // a reset cannot help a trainer whose thread has ended
        assertThat(created.get(0).calls).doesNotContain("reset");
        failing.restartTrainer();
        assertThat(created).hasSize(2);
        assertThat(created.get(0).calls).contains("close");
        assertThat(failing.stateProperty().get()).isEqualTo(State.LOADING);
        assertThat(failing.problemTextProperty().get()).isEmpty();
        assertThat(failing.restartOfferedProperty().get()).isFalse();
    }

    @Test
    @DisplayName("the controls start at the defaults and show them")
    void startsAtDefaults() {
        assertThat(viewModel.lambdaTextProperty().get()).isEqualTo("0.1");
        assertThat(viewModel.alphaTextProperty().get()).isEqualTo("0.50");
        assertThat(viewModel.learningRateTextProperty().get()).isEqualTo("0.01");
        assertThat(viewModel.deviceTextProperty().get()).isEqualTo("CPU with 2 threads");
        assertThat(viewModel.canTrainProperty().get()).isTrue();
    }

    @Test
    @DisplayName("a seed that is not a number is named and no record is sent")
    void invalidSeed() {
        int before = trainer.records.size();
        viewModel.seedTextProperty().set("12a");
        assertThat(viewModel.seedProblemProperty().get()).isEqualTo("The seed must be a whole number.");
        assertThat(trainer.records).hasSize(before);
        viewModel.seedTextProperty().set("42");
        assertThat(viewModel.seedProblemProperty().get()).isEmpty();
        assertThat(trainer.records.get(trainer.records.size() - 1).seed()).isEqualTo(42);
    }

    @Test
    @DisplayName("switching to a normalized head switches to the optimizer it learns with, and says so")
    void normalizedHeadSwitchesToAdam() {
        viewModel.headProperty().set(HeadKind.ARCFACE);
        Hyperparameters sent = trainer.records.get(trainer.records.size() - 1);
        assertThat(sent.head()).isEqualTo(HeadKind.ARCFACE);
        assertThat(sent.optimizer()).isEqualTo(OptimizerKind.ADAM);
        assertThat(sent.learningRate()).isCloseTo(1e-3, within(1e-12));
        assertThat(viewModel.noticeProperty().get()).startsWith("Switched to Adam");
        assertThat(viewModel.marginAppliesProperty().get()).isTrue();
        viewModel.headProperty().set(HeadKind.COSFACE);
        assertThat(viewModel.marginTextProperty().get()).isEqualTo("0.10");
        assertThat(trainer.records.get(trainer.records.size() - 1).margin()).isEqualTo(0.1);
    }

    @Test
    @DisplayName("a new model size needs a rebuild: the trainer is reset")
    void modelChangeResets() {
        viewModel.modelProperty().set(ModelSize.PAPER);
        assertThat(trainer.records.get(trainer.records.size() - 1).model()).isEqualTo(ModelSize.PAPER);
        assertThat(trainer.calls).contains("reset");
    }

    @Test
    @DisplayName("the speed control sets the trainer's pace; 0 is as fast as possible")
    void speed() {
        viewModel.speedProperty().set(2.0);
        viewModel.speedProperty().set(0.0);
        assertThat(trainer.calls).containsSubsequence("rate 2.0", "rate 0.0");
    }

    @Test
    @DisplayName("selecting a class twice unselects it")
    void selection() {
        viewModel.selectClass(3);
        assertThat(viewModel.selectedClassProperty().get()).isEqualTo(3);
        viewModel.selectClass(3);
        assertThat(viewModel.selectedClassProperty().get()).isEqualTo(-1);
    }
}
