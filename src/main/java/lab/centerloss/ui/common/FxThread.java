package lab.centerloss.ui.common;

import javafx.application.Platform;

/** The one place that hops onto the JavaFX application thread. */
public final class FxThread {
  private FxThread() {}

  /** Runs now when already on the FX thread, else as soon as the FX thread is free. */
  public static void run(Runnable action) {
    if (Platform.isFxApplicationThread()) {
      action.run();
    } else {
      Platform.runLater(action);
    }
  }
}
