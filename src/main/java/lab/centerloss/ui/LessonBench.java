package lab.centerloss.ui;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.beans.value.ChangeListener;
import lab.centerloss.lesson.Lesson;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.text.Messages;
import lab.centerloss.ui.lesson.LessonViewModel;

/**
 * The window's lesson player, timed: each lesson in a window of its own (off screen, as the app
 * builds it: the same trainers, threads, probes and frames), every step entered as Next enters it,
 * and the seconds until the player says the step's action is complete ({@link
 * LessonViewModel#actionDoneProperty()}). What entering a step does is the player's business: the
 * measurement follows it, whatever it becomes.
 */
public final class LessonBench {
  private final Path folder;
  private final Path unknowns;
  private final int threads;
  private final int probeSize;
  private final int stepTimeoutSeconds;

  /**
   * @param unknowns a second data set whose test images are unknowns, or null
   * @param threads the window trainer's libtorch threads; 0 for the window's rule
   * @param probeSize test images per probe (the window's 2,000)
   * @param stepTimeoutSeconds the longest a step may take before the measurement gives up
   */
  public LessonBench(
      Path folder, Path unknowns, int threads, int probeSize, int stepTimeoutSeconds) {
    this.folder = folder;
    this.unknowns = unknowns;
    this.threads = threads;
    this.probeSize = probeSize;
    this.stepTimeoutSeconds = stepTimeoutSeconds;
  }

  /**
   * Plays a lesson from its first step to its last, in a new window whose trainer has loaded
   * (libtorch and the data before the first step are not a step's).
   *
   * @return the seconds from entering each step until its action was complete
   */
  public double[] play(Lesson lesson) {
    try (OffscreenWindow window = OffscreenWindow.open(folder, unknowns, threads, probeSize)) {
      window.awaitReady(300);
      LessonViewModel player = window.session().lesson();
      double[] seconds = new double[lesson.steps().size()];
      for (int i = 0; i < seconds.length; i++) {
        seconds[i] = enter(window, player, lesson, i);
      }
      return seconds;
    }
  }

  /** Enters step {@code index} (the lesson's start, or Next) and waits until it is done. */
  private double enter(OffscreenWindow window, LessonViewModel player, Lesson lesson, int index) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    ChangeListener<Boolean> whenDone =
        (o, was, now) -> {
          if (now) {
            done.complete(System.nanoTime());
          }
        };
    long entered =
        HeadlessFx.call(
            () -> {
              long now = System.nanoTime();
              if (index == 0) {
                player.start(lesson);
              } else {
                player.next();
              }
              if (player.actionDoneProperty().get()) {
                done.complete(System.nanoTime());
              } else {
                player.actionDoneProperty().addListener(whenDone);
              }
              return now;
            });
    try {
      return (done.get(stepTimeoutSeconds, TimeUnit.SECONDS) - entered) / 1e9;
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          Messages.text(
              "bench.lessonStepTimeout",
              lesson.name(),
              index + 1,
              stepTimeoutSeconds,
              HeadlessFx.call(() -> window.session().training().statusTextProperty().get())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      HeadlessFx.call(
          () -> {
            player.actionDoneProperty().removeListener(whenDone);
            return null;
          });
    }
  }
}
