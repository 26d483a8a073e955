package lab.centerloss.ui.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import lab.centerloss.export.AtomicFile;
import lab.centerloss.export.ExportFolders;
import lab.centerloss.export.ImageFiles;
import lab.centerloss.export.StepTables;
import lab.centerloss.export.TextFiles;
import lab.centerloss.plot.FrameCapture;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.plot.PlaneScenes;
import lab.centerloss.plot.PlaneStyle;
import lab.centerloss.plot.StudentPage;
import lab.centerloss.plot.ViewWindow;
import lab.centerloss.text.Messages;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.ui.common.FxThread;
import lab.centerloss.ui.model.RunHistory;

/**
 * Exports for slides and notes: a snapshot of the plane at a chosen size, a recording of one frame
 * every N steps ({@link FrameRecorder}), a GIF of a recording, and the run's steps as CSV or JSON
 * Lines. Pictures are drawn on the JavaFX thread by the window's own renderer and written on a
 * worker, so training never waits for the disk.
 */
public final class ExportViewModel {
  public static final List<String> SIZES =
      List.of("1280x720", "1920x1080", "2560x1440", "3840x2160");
  public static final List<Integer> EVERY = List.of(1, 2, 5, 10, 20, 50, 100);

  private final ObjectProperty<String> size = new SimpleObjectProperty<>("1920x1080");
  private final BooleanProperty legend = new SimpleBooleanProperty(true);
  private final BooleanProperty overlay = new SimpleBooleanProperty(true);
  private final StringProperty recordingFolder = new SimpleStringProperty("");
  private final ObjectProperty<Integer> every = new SimpleObjectProperty<>(1);
  private final ObjectProperty<Integer> gifDelay = new SimpleObjectProperty<>(100);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

  private final RunHistory history;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "export-writer");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean cancelRequested;
  private FrameCapture capture;
  private int[] captureSize = {0, 0};
  private final FrameRecorder recorder;

  /** The comparison's runs when one is shown (the shell knows it), else empty: for the web page. */
  private Supplier<List<StudentPage.Pane>> comparison = List::of;

  /** Whether exports are drawn on white, as the projector theme shows the plane. */
  private final ObservableBooleanValue light;

  public ExportViewModel(RunHistory history) {
    this(history, new SimpleBooleanProperty(false));
  }

  /**
   * @param light whether the plane is drawn on white (the projector theme), for slides made in a
   *     bright room
   */
  public ExportViewModel(RunHistory history, ObservableBooleanValue light) {
    this.history = history;
    this.light = light;
    recorder = new FrameRecorder(history, this::drawFrame, message::set);
  }

  /** The kept steps of the run, whole (each with the latest kept probe at or before it). */
  List<StepSnapshot> keptSteps() {
    List<StepSnapshot> whole = new ArrayList<>(history.size());
    for (int i = 0; i < history.size(); i++) {
      whole.add(history.record().atIndex(i));
    }
    return whole;
  }

  // Recording ------------------------------------------------------------------------------

  public void startRecording() {
    if (recordingFolder.get().isBlank()) {
      message.set(Messages.text("export.chooseFolderFirst"));
      return;
    }
    Path folder = Path.of(recordingFolder.get());
    var problem = ExportFolders.problem(folder);
    if (problem.isPresent()) {
      message.set(problem.get().render());
      return;
    }
    recorder.start(folder, every.get());
  }

  public void toggleRecording() {
    if (recorder.recordingProperty().get()) {
      stopRecording();
    } else {
      startRecording();
    }
  }

  /** "● REC 12 frames", and how far the writer is behind when it is: empty when not recording. */
  public StringBinding recordingTextProperty() {
    return recorder.recordingText();
  }

  public void stopRecording() {
    recorder.stop();
  }

  /** Draws the frames due; called by the window once per frame on the JavaFX thread. */
  public void onFrame() {
    recorder.onFrame();
  }

  /** A recorded step's frame, at the chosen size, with the legend and caption as chosen. */
  private BufferedImage drawFrame(StepSnapshot step) {
    int[] dimensions = dimensions();
    return capture(dimensions)
        .capture(
            PlaneScenes.of(
                step, dimensions[0], dimensions[1], true, true, legend.get(), overlay.get()),
            style());
  }

  // Snapshot --------------------------------------------------------------------------------

  /**
   * The plane as the window shows it now, at the chosen size: the same world center, scaled so that
   * the same height of the plane is in view.
   */
  public void saveSnapshot(Path target, PlaneScene windowScene, double windowHeight) {
    int[] dimensions = dimensions();
    BufferedImage image =
        capture(dimensions).capture(atExportSize(windowScene, windowHeight, dimensions), style());
    writeSnapshot(target, dimensions, () -> ImageFiles.writePng(image, target));
  }

  /**
   * As {@link #saveSnapshot}, as an SVG drawing: every marker and letter a shape, sharp on any
   * slide.
   */
  public void saveSnapshotSvg(Path target, PlaneScene windowScene, double windowHeight) {
    int[] dimensions = dimensions();
    String svg =
        capture(dimensions)
            .captureSvg(atExportSize(windowScene, windowHeight, dimensions), style());
    writeSnapshot(target, dimensions, () -> AtomicFile.writeString(target, svg));
  }

  /**
   * The window's scene at the export's size: the same world center, the same height of the plane in
   * view.
   */
  private PlaneScene atExportSize(PlaneScene windowScene, double windowHeight, int[] dimensions) {
    ViewWindow view = windowScene.view();
    ViewWindow scaled =
        new ViewWindow(
            view.centerX(),
            view.centerY(),
            view.pixelsPerUnit() * dimensions[1] / Math.max(1, windowHeight));
    return windowScene
        .withView(scaled)
        .withLegendAndCaption(
            legend.get(),
            // without the caption, a projected plane still says it is one
            overlay.get() ? windowScene.caption() : PlaneScenes.noteOf(windowScene.caption()));
  }

  private PlaneStyle style() {
    return PlaneStyle.normal().withDark(!light.get());
  }

  private void writeSnapshot(Path target, int[] dimensions, Work write) {
    worker.submit(
        () -> {
          try {
            write.run();
            FxThread.run(
                () ->
                    message.set(
                        Messages.text(
                            "export.wroteImage", target.toString(), dimensions[0], dimensions[1])));
          } catch (IOException e) {
            FxThread.run(() -> message.set(TextFiles.describeFailure(target, e).render()));
          }
        });
  }

  // Long exports -----------------------------------------------------------------------------

  public void exportCsv(Path target) {
    List<StepSnapshot> kept = keptSteps();
    runLong(
        Messages.text("export.csvOf", kept.size()),
        target,
        () -> StepTables.writeCsv(kept, target, this::reportProgress, () -> cancelRequested));
  }

  public void exportJsonLines(Path target) {
    List<StepSnapshot> kept = keptSteps();
    runLong(
        Messages.text("export.jsonlOf", kept.size()),
        target,
        () -> StepTables.writeJsonLines(kept, target, this::reportProgress, () -> cancelRequested));
  }

  /** An animated GIF of the frames in the recording folder, in order. */
  public void makeGif(Path target) {
    Path folder = Path.of(recordingFolder.get().isBlank() ? "." : recordingFolder.get());
    List<Path> frames;
    try {
      frames = RecordingGif.framesIn(folder);
    } catch (IOException e) {
      message.set(
          Messages.text(
              "export.cannotReadFolder", folder.toString(), String.valueOf(e.getMessage())));
      return;
    }
    if (frames.isEmpty()) {
      message.set(Messages.text("export.noFrames", folder.toString()));
      return;
    }
    int delay = gifDelay.get();
    runLong(
        Messages.text("export.gifOf", frames.size()),
        target,
        () ->
            RecordingGif.write(frames, target, delay, this::reportProgress, () -> cancelRequested));
  }

  /**
   * The comparison shown, as the web page's panes: set by the shell, which knows the comparison.
   */
  public void setComparison(Supplier<List<StudentPage.Pane>> panes) {
    comparison = panes;
  }

  /**
   * The web page for students: the comparison shown (its runs side by side) or else the run, in the
   * language and theme in force. The runs are copied here, on the JavaFX thread, while training
   * goes on; the page is made and written on the worker.
   */
  public void exportWebPage(Path target) {
    List<StudentPage.Pane> panes = new ArrayList<>(comparison.get());
    if (panes.isEmpty()) {
      if (history.size() == 0 && history.record().origin() == null) {
        message.set(Messages.text("export.webPageNothing"));
        return;
      }
      panes.add(new StudentPage.Pane("", history.record().copy()));
    }
    boolean dark = !light.get();
    runLong(
        Messages.text("export.webPageOf", panes.size()),
        target,
        () -> AtomicFile.writeString(target, StudentPage.html(panes, dark)));
  }

  public void cancel() {
    cancelRequested = true;
  }

  public void shutdown() {
    recorder.shutdown();
    worker.shutdown();
  }

  @FunctionalInterface
  private interface Work {
    void run() throws IOException;
  }

  private void runLong(String what, Path target, Work work) {
    if (busy.get()) {
      message.set(Messages.text("export.busy"));
      return;
    }
    cancelRequested = false;
    busy.set(true);
    progress.set(0);
    message.set(Messages.text("export.writing", what));
    worker.submit(
        () -> {
          String result;
          try {
            work.run();
            result = Messages.text("export.wrote", what, target.toString());
          } catch (StepTables.Cancelled e) {
            result = Messages.text("export.cancelled");
          } catch (IOException e) {
            result = TextFiles.describeFailure(target, e).render();
          } catch (RuntimeException e) {
            result = Messages.text("export.failed", String.valueOf(e.getMessage()));
          }
          String finalResult = result;
          // the result first: whoever sees busy turn false must already find it
          FxThread.run(
              () -> {
                message.set(finalResult);
                busy.set(false);
              });
        });
  }

  private void reportProgress(double fraction) {
    FxThread.run(() -> progress.set(fraction));
  }

  private int[] dimensions() {
    String[] parts = size.get().split("x");
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
  }

  private FrameCapture capture(int[] dimensions) {
    if (capture == null || captureSize[0] != dimensions[0] || captureSize[1] != dimensions[1]) {
      capture = new FrameCapture(dimensions[0], dimensions[1]);
      captureSize = dimensions;
    }
    return capture;
  }

  public ObjectProperty<String> sizeProperty() {
    return size;
  }

  public BooleanProperty legendProperty() {
    return legend;
  }

  public BooleanProperty overlayProperty() {
    return overlay;
  }

  public StringProperty recordingFolderProperty() {
    return recordingFolder;
  }

  public ObjectProperty<Integer> everyProperty() {
    return every;
  }

  public ObjectProperty<Integer> gifDelayProperty() {
    return gifDelay;
  }

  public ReadOnlyBooleanProperty recordingProperty() {
    return recorder.recordingProperty();
  }

  public ReadOnlyIntegerProperty framesWrittenProperty() {
    return recorder.framesWrittenProperty();
  }

  public ReadOnlyIntegerProperty framesBehindProperty() {
    return recorder.framesBehindProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** The language changed: every text this panel made is made again in it. */
  public void refreshTexts() {
    recorder.recordingText().invalidate();
  }
}
