package lab.centerloss.ui;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import lab.centerloss.testing.TestData;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.Trainer;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real main window on a test stage, with a real trainer on the bundled data. */
final class TestWindows {
  private TestWindows() {}

  /** Shows the window (1280x800, the headless screen's default size) and starts its trainer. */
  static LabSession open(Stage stage, Hyperparameters initial, int probeSize) throws IOException {
    LabSession session =
        new LabSession(
            (folder, hp) ->
                new Trainer(
                        TestData::mnist, new Trainer.Settings(DeviceChoice.CPU, 0, probeSize), hp)
                    .launch(),
            TestData.bundledFolder(),
            initial);
    LabApplication.showIn(session, stage, 1280, 800);
    stage.show();
    session.start();
    return session;
  }

  /**
   * Stops the window's trainer and closes the window: one left open would keep its animation
   * running into the next tests.
   */
  static void close(LabSession session) throws TimeoutException {
    session.shutdown();
    FxToolkit.cleanupStages();
  }

  /**
   * Reads properties on the JavaFX thread, so that several of them are seen together as one pulse
   * left them (read from the test thread, one may already have changed and the next not yet).
   */
  static <T> T onFx(Callable<T> read)
      throws InterruptedException, ExecutionException, TimeoutException {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }
}
