package lab.centerloss.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.stage.Stage;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Comparison;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.Trainer;
import lab.centerloss.train.TrainerStatus.State;

/**
 * The real window, its session and its trainers, on Monocle's headless screen: what the benchmark
 * commands measure, run as the app runs it (the same threads, probes and frames). Needs no display.
 */
final class OffscreenWindow implements AutoCloseable {
  private final LabSession session;
  private final MainWindow shell;
  private final Stage stage;

  private OffscreenWindow(LabSession session, MainWindow shell, Stage stage) {
    this.session = session;
    this.shell = shell;
    this.stage = stage;
  }

  /**
   * Shows the window (1440x900) off screen and starts its trainer, which loads in the background.
   *
   * @param threads libtorch's CPU threads of the window's trainer; 0 for what the window uses
   * @param probeSize test images per probe, the window's 2,000 unless a test asks for fewer
   */
  static OffscreenWindow open(Path folder, Path unknowns, int threads, int probeSize) {
    HeadlessFx.start();
    return HeadlessFx.call(
        () -> {
          try {
            Stage window = new Stage();
            LabSession session =
                new LabSession(
                    (f, hp) ->
                        new Trainer(
                                () -> MnistDataSet.load(f, unknowns),
                                new Trainer.Settings(
                                    DeviceChoice.AUTO,
                                    LabApplication.windowThreads(threads),
                                    probeSize),
                                hp)
                            .launch(),
                    f ->
                        Trainer.forComparison(
                                () -> MnistDataSet.load(f, unknowns),
                                new Trainer.Settings(
                                    DeviceChoice.AUTO, Comparison.threads(0), probeSize))
                            .launch(),
                    folder,
                    Hyperparameters.defaults());
            LabApplication.LoadedWindow loaded = LabApplication.load(session, window);
            window.setScene(new Scene(loaded.root(), 1440, 900));
            window.show();
            session.start();
            LabApplication.warmUpDrawing();
            return new OffscreenWindow(session, loaded.shell(), window);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  LabSession session() {
    return session;
  }

  MainWindow shell() {
    return shell;
  }

  /**
   * Waits until the window's trainer has loaded libtorch and the data; a trainer that cannot (no
   * data, libtorch failed) is one sentence.
   */
  void awaitReady(int timeoutSeconds) {
    State ready =
        await(
            () -> HeadlessFx.call(() -> session.training().stateProperty().get()),
            state -> state != State.LOADING,
            timeoutSeconds);
    if (ready != State.PAUSED) {
      throw new IllegalStateException(
          Messages.text(
              "bench.notReady",
              HeadlessFx.call(() -> session.training().statusTextProperty().get())));
    }
  }

  /**
   * Polls {@code read} until {@code done} holds or the timeout passes; returns the last value read.
   */
  static <T> T await(Supplier<T> read, Predicate<T> done, int timeoutSeconds) {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(50_000_000L);
      value = read.get();
    }
    return value;
  }

  /** Stops the trainers and closes the window. */
  @Override
  public void close() {
    HeadlessFx.call(
        () -> {
          session.shutdown();
          shell.stopTimer();
          stage.close();
          return null;
        });
  }
}
