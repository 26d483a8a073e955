package lab.centerloss.ui.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import lab.centerloss.export.ImageFiles;
import lab.centerloss.export.TextFiles;
import lab.centerloss.text.Messages;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.ui.common.FxThread;
import lab.centerloss.ui.model.RunHistory;

/**
 * The recording: one frame every N steps of the run, numbered frame-00001.png on. Frames are drawn
 * on the JavaFX thread (a few a frame, so that a burst of steps does not hold the window) and
 * encoded on two workers, so training never waits for the disk; a recorder that falls behind says
 * by how much and drops nothing.
 */
final class FrameRecorder {
  /** At most this many frames drawn in one frame of the window. */
  private static final int DRAWN_PER_FRAME = 4;

  private final RunHistory history;
  private final Function<StepSnapshot, BufferedImage> drawer;
  private final Consumer<String> messages;
  private final ReadOnlyBooleanWrapper recording = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyIntegerWrapper framesWritten = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyIntegerWrapper framesBehind = new ReadOnlyIntegerWrapper(0);
  private final StringBinding recordingText;

  /** Steps waiting to be drawn as frames. */
  private final Queue<StepSnapshot> toDraw = new ArrayDeque<>();

  private final AtomicInteger encodingQueue = new AtomicInteger();

  /** One keeps up with about 20 frames a second at 1280x720, two with more. */
  private final ExecutorService encoders =
      Executors.newFixedThreadPool(
          2,
          runnable -> {
            Thread thread = new Thread(runnable, "frame-encoder");
            thread.setDaemon(true);
            return thread;
          });

  private volatile boolean active;
  private int every = 1;
  private int nextFrame;
  private Path folder;
  private long lastQueuedStep = -1;

  /**
   * @param drawer draws a step's frame as the export settings say (on the JavaFX thread)
   * @param messages where the recorder's sentences go (the panel's message line)
   */
  FrameRecorder(
      RunHistory history, Function<StepSnapshot, BufferedImage> drawer, Consumer<String> messages) {
    this.history = history;
    this.drawer = drawer;
    this.messages = messages;
    recordingText =
        Bindings.createStringBinding(
            () ->
                recording.get()
                    ? Messages.text("export.rec", framesWritten.get())
                        + (framesBehind.get() > 2
                            ? Messages.text("export.behind", framesBehind.get())
                            : "")
                    : "",
            recording,
            framesWritten,
            framesBehind);
  }

  /**
   * Records from the next step on into a folder already checked; a frame every {@code everySteps}
   * steps.
   */
  void start(Path into, int everySteps) {
    folder = into;
    nextFrame = 1;
    framesWritten.set(0);
    framesBehind.set(0);
    every = everySteps;
    StepSnapshot latest = history.latestProperty().get();
    lastQueuedStep = latest == null ? 0 : latest.step();
    active = true;
    recording.set(true);
    messages.accept(Messages.text("export.recording", every, into.toString()));
  }

  void stop() {
    active = false;
    recording.set(false);
    toDraw.clear();
    messages.accept(Messages.text("export.recorded", nextFrame - 1, String.valueOf(folder)));
  }

  /**
   * Queues the steps due since the last frame and draws a few of them; once per frame on the JavaFX
   * thread.
   */
  void onFrame() {
    if (active && history.size() > 0) {
      queueNewSteps();
    }
    StepSnapshot step;
    int drawn = 0;
    while (drawn < DRAWN_PER_FRAME && (step = toDraw.poll()) != null) {
      drawn++;
      write(drawer.apply(step), folder.resolve(ImageFiles.frameName(nextFrame++)));
    }
    framesBehind.set(toDraw.size() + encodingQueue.get());
  }

  private void queueNewSteps() {
    long newest = history.steps().get(history.size() - 1).step();
    if (newest < lastQueuedStep) {
      lastQueuedStep = 0; // the run started again
    }
    int first = history.size();
    while (first > 0 && history.steps().get(first - 1).step() > lastQueuedStep) {
      first--;
    }
    for (int k = first; k < history.size(); k++) {
      StepSnapshot step = history.record().atIndex(k);
      if (!step.diverged() && step.step() % every == 0) {
        toDraw.add(step);
      }
    }
    lastQueuedStep = newest;
  }

  /** Encodes a frame on a worker; a failure stops the recording with one sentence. */
  private void write(BufferedImage image, Path file) {
    encodingQueue.incrementAndGet();
    encoders.submit(
        () -> {
          try {
            ImageFiles.writePng(image, file);
            FxThread.run(() -> framesWritten.set(framesWritten.get() + 1));
          } catch (IOException e) {
            FxThread.run(
                () -> {
                  messages.accept(
                      TextFiles.describeFailure(file, e).render()
                          + " "
                          + Messages.text("export.recordingStopped"));
                  if (recording.get()) {
                    active = false;
                    recording.set(false);
                    toDraw.clear();
                  }
                });
          } finally {
            encodingQueue.decrementAndGet();
          }
        });
  }

  void shutdown() {
    active = false;
    encoders.shutdown();
  }

  ReadOnlyBooleanProperty recordingProperty() {
    return recording.getReadOnlyProperty();
  }

  ReadOnlyIntegerProperty framesWrittenProperty() {
    return framesWritten.getReadOnlyProperty();
  }

  ReadOnlyIntegerProperty framesBehindProperty() {
    return framesBehind.getReadOnlyProperty();
  }

  /** "● REC 12 frames", and how far the recorder is behind when it is: empty when not recording. */
  StringBinding recordingText() {
    return recordingText;
  }
}
