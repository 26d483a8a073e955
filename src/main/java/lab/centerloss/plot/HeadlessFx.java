package lab.centerloss.plot;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;

/**
 * JavaFX without a display, for drawing frames from the command line: Monocle's headless platform
 * with the software renderer. The properties must be set before the toolkit starts, so this must be
 * the first JavaFX use in the process.
 */
public final class HeadlessFx {
  private static boolean started;

  /** Held so that the setting is not lost with a collected logger. */
  private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

  private HeadlessFx() {}

  public static synchronized void start() {
    if (started) {
      return;
    }
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    System.setProperty("prism.order", "sw");
    System.setProperty("prism.text", "t2k");
    System.setProperty("java.awt.headless", "true");
    // Monocle's headless screen is 1280x800 unless told otherwise; a larger window overflows it.
    System.setProperty("headless.geometry", "1920x1200-32");
    quietClassPathWarning();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    try {
      Platform.startup(() -> ready.complete(null));
    } catch (IllegalStateException alreadyRunning) {
      ready.complete(null);
    }
    try {
      ready.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while JavaFX started", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("JavaFX did not start headless: " + e.getMessage(), e);
    }
    Platform.setImplicitExit(false);
    started = true;
  }

  /**
   * JavaFX warns at start-up when it runs from the class path rather than as modules. That is how a
   * plain {@code java -jar} runs it, deliberately; the warning would only confuse a teacher.
   */
  public static void quietClassPathWarning() {
    JAVAFX_LOG.setLevel(Level.SEVERE);
  }

  /** Runs {@code work} on the JavaFX thread and waits for its result. */
  public static <T> T call(Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            result.complete(work.get());
          } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
          }
        });
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
