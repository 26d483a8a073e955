package lab.centerloss.ui.common;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import lab.centerloss.export.AtomicFile;
import lab.centerloss.export.TextFiles;
import lab.centerloss.text.Messages;

/**
 * Writes files on a worker thread, whole or not at all ({@link AtomicFile}), and reports one
 * sentence back on the JavaFX thread: the window never waits for a disk.
 */
public final class BackgroundFiles {
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "file-writer");
            thread.setDaemon(true);
            return thread;
          });

  /** Writes {@code target}; {@code result} gets "Wrote …" or the reason it could not. */
  public void write(Path target, AtomicFile.Content content, Consumer<String> result) {
    worker.submit(
        () -> {
          String message;
          try {
            AtomicFile.write(target, content);
            message = Messages.text("files.wrote", target.toString());
          } catch (IOException e) {
            message = TextFiles.describeFailure(target, e).render();
          }
          String finalMessage = message;
          FxThread.run(() -> result.accept(finalMessage));
        });
  }

  public void shutdown() {
    worker.shutdown();
  }
}
