package lab.centerloss.ui.lesson;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import lab.centerloss.lesson.Lesson;
import lab.centerloss.lesson.LessonRecordings;
import lab.centerloss.text.AppInfo;
import lab.centerloss.text.Message;
import lab.centerloss.ui.model.LiveTraining;

/**
 * The window's recordings (issue 27): read on a worker thread from the app's resources or beside a
 * lesson file ({@link LessonRecordings#load}), checked against this app's version and the data set
 * the trainer trains on, and handed to the live run ({@link LiveTraining#adopt}).
 */
public final class RecordedSteps implements LessonViewModel.Recordings {
  private final LiveTraining training;
  private final String appVersion;
  private final ExecutorService reader =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "recording-reader");
            thread.setDaemon(true);
            return thread;
          });

  public RecordedSteps(LiveTraining training) {
    this(training, AppInfo.VERSION);
  }

  /** With another app version to check recordings against (the tests'). */
  public RecordedSteps(LiveTraining training, String appVersion) {
    this.training = training;
    this.appVersion = appVersion;
  }

  /** One of {@link LessonRecordings}' readers: a lesson's step read against the window's data. */
  @FunctionalInterface
  private interface Reader<T> {
    T read(Lesson lesson, int step, String fingerprint, String appVersion, Path scratch)
        throws LessonRecordings.Unusable;
  }

  @Override
  public CompletableFuture<LessonRecordings.Recording> load(Lesson lesson, int step) {
    return readInBackground(LessonRecordings::load, lesson, step);
  }

  @Override
  public CompletableFuture<LessonRecordings.ComparisonRecording> loadComparison(
      Lesson lesson, int step) {
    return readInBackground(LessonRecordings::loadComparison, lesson, step);
  }

  private <T> CompletableFuture<T> readInBackground(Reader<T> reader, Lesson lesson, int step) {
    String fingerprint = training.dataFingerprint(); // read here, on the JavaFX thread
    Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return reader.read(lesson, step, fingerprint, appVersion, scratch);
          } catch (LessonRecordings.Unusable e) {
            throw new CompletionException(e);
          }
        },
        this.reader);
  }

  @Override
  public Optional<Message> adopt(LessonRecordings.Recording recording, long step) {
    return training.adopt(recording.run(), step);
  }
}
