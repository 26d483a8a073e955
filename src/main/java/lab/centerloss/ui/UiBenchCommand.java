package lab.centerloss.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.stage.Stage;
import lab.centerloss.data.DataLocation;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.TrainerStatus.State;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench-ui}: the real window, off screen, training as fast as it can; reports the longest
 * gap between two animation frames, i.e. the longest the JavaFX thread was kept from drawing.
 */
@Command(name = "bench-ui", mixinStandardHelpOptions = true,
        description = "Measure the window's responsiveness while training: the longest gap between frames (off screen).")
public final class UiBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "60", description = "How long to train and watch (default: 60).")
    int seconds;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder with the four MNIST IDX files.")
    Path data;

    @Option(names = "--threads", defaultValue = "0", description = "libtorch threads; 0 for one per processor, as the window uses (default: 0).")
    int threads;

    @Override
    public Integer call() throws Exception {
        HeadlessFx.start();
        Path folder = data != null ? data : DataLocation.defaultMnistFolder();
        AtomicReference<MainViewModel> model = new AtomicReference<>();
        AtomicReference<MainView> view = new AtomicReference<>();
        AtomicReference<Stage> stage = new AtomicReference<>();
        HeadlessFx.call(() -> {
            try {
                Stage window = new Stage();
                MainViewModel viewModel = new MainViewModel((f, hp) -> LabApplication.startTrainer(f, hp, threads), folder,
                        Hyperparameters.defaults());
                LabApplication.LoadedView loaded = LabApplication.load(viewModel, window);
                window.setScene(new Scene(loaded.root(), 1440, 900));
                window.show();
                viewModel.start();
                LabApplication.warmUpDrawing();
                model.set(viewModel);
                view.set(loaded.view());
                stage.set(window);
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        MainViewModel viewModel = model.get();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (HeadlessFx.call(() -> viewModel.stateProperty().get()) == State.LOADING && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (HeadlessFx.call(() -> viewModel.stateProperty().get()) != State.PAUSED) {
            throw new IllegalStateException("the trainer did not become ready: "
                    + HeadlessFx.call(() -> viewModel.statusTextProperty().get()));
        }
        HeadlessFx.call(() -> {
            viewModel.play();
            view.get().frameClock().restart();
            return null;
        });
        Thread.sleep(seconds * 1000L);
        ObjectNode result = HeadlessFx.call(() -> {
            ObjectNode node = new ObjectMapper().createObjectNode();
            node.put("seconds", seconds);
            node.put("frames", view.get().frameClock().frames());
            node.put("longest_frame_gap_ms", view.get().frameClock().longestGapMillis());
            var gaps = node.putArray("gaps_over_40_ms");
            for (double[] gap : view.get().frameClock().longGaps()) {
                gaps.addArray().add(Math.round(gap[0] * 100) / 100.0).add(Math.round(gap[1] * 10) / 10.0);
            }
            node.put("libtorch_threads", threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
            node.put("steps_trained", viewModel.latestProperty().get() == null ? 0 : viewModel.latestProperty().get().step());
            node.put("pipeline", "JavaFX software renderer, Monocle headless");
            viewModel.shutdown();
            stage.get().close();
            return node;
        });
        spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(result));
        return 0;
    }
}
