package lab.centerloss.ui;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
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
  /**
   * One step timed.
   *
   * @param seconds from entering the step until its action was complete
   * @param trainedTo the step the run shown stood at then (the comparison's when it is shown)
   * @param cpuSeconds the processor time this process had meanwhile, all its threads: on a machine
   *     shared with other work, how much of the wait was this app's own
   * @param busiestThreadCpuSeconds the processor time of the thread that had the most meanwhile
   *     (the trainer's, or a comparison run's worker): the step cannot take less on this machine
   *     even with every other program gone, since that thread's work is done one op after another
   */
  public record Step(
      double seconds, long trainedTo, double cpuSeconds, double busiestThreadCpuSeconds) {}

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
   * @param live whether every step trains live, the recordings off (what Train it live does)
   * @return each step's seconds from entering it until its action was complete
   */
  public List<Step> play(Lesson lesson, boolean live, Consumer<Step> eachStep) {
    try (OffscreenWindow window = OffscreenWindow.open(folder, unknowns, threads, probeSize)) {
      window.awaitReady(300);
      LessonViewModel player = window.session().lesson();
      if (live) {
        HeadlessFx.call(
            () -> {
              player.setRecordings(null);
              return null;
            });
      }
      List<Step> steps = new ArrayList<>();
      for (int i = 0; i < lesson.steps().size(); i++) {
        Step step = enter(window, player, lesson, i);
        eachStep.accept(step);
        steps.add(step);
      }
      return steps;
    }
  }

  /** The processor time of this process so far, all threads, in nanoseconds; 0 where unknown. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(0, os.getProcessCpuTime())
        : 0;
  }

  /** Every live thread's processor time so far, by id, in nanoseconds. */
  private static Map<Long, Long> threadCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      long nanos = threads.getThreadCpuTime(id);
      if (nanos >= 0) {
        cpu.put(id, nanos);
      }
    }
    return cpu;
  }

  /** The most processor time one thread had since {@code before} (a new thread: all of its own). */
  private static long busiestSince(Map<Long, Long> before) {
    long busiest = 0;
    for (Map.Entry<Long, Long> now : threadCpuNanos().entrySet()) {
      busiest = Math.max(busiest, now.getValue() - before.getOrDefault(now.getKey(), 0L));
    }
    return busiest;
  }

  /** The step the run shown stands at: the comparison's when it is shown (JavaFX thread). */
  private static long stepShown(LabSession session) {
    if (session.options().comparingProperty().get()) {
      return session.compare().lastStepProperty().get();
    }
    var latest = session.history().latestProperty().get();
    return latest == null ? 0 : latest.step();
  }

  /** Enters step {@code index} (the lesson's start, or Next) and waits until it is done. */
  private Step enter(OffscreenWindow window, LessonViewModel player, Lesson lesson, int index) {
    CompletableFuture<long[]> done = new CompletableFuture<>();
    ChangeListener<Boolean> whenDone =
        (o, was, now) -> {
          if (now) {
            done.complete(new long[] {System.nanoTime(), stepShown(window.session())});
          }
        };
    long cpuBefore = processCpuNanos();
    Map<Long, Long> threadsBefore = threadCpuNanos();
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
                done.complete(new long[] {System.nanoTime(), stepShown(window.session())});
              } else {
                player.actionDoneProperty().addListener(whenDone);
              }
              return now;
            });
    try {
      long[] end = done.get(stepTimeoutSeconds, TimeUnit.SECONDS);
      return new Step(
          (end[0] - entered) / 1e9,
          end[1],
          (processCpuNanos() - cpuBefore) / 1e9,
          busiestSince(threadsBefore) / 1e9);
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
