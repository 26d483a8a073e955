package lab.centerloss.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import lab.centerloss.lesson.Lesson;

/**
 * The window's lesson player, timed, as {@code bench --lesson} uses it. The command line knows no
 * window (the layers: ui | cli), so the top-level command, which knows both, hands it over (see
 * {@link CommandLineApp#create}).
 */
@FunctionalInterface
public interface LessonTimer {
  /**
   * One step timed.
   *
   * @param seconds from entering the step until its action was complete
   * @param trainedTo the step the run shown stood at then (the comparison's when it is shown)
   * @param cpuSeconds the processor time the process had meanwhile, all its threads
   * @param busiestThreadCpuSeconds the processor time of its busiest thread meanwhile: the least
   *     the step can take on this machine with nothing else running
   */
  record Step(double seconds, long trainedTo, double cpuSeconds, double busiestThreadCpuSeconds) {}

  /**
   * Plays a lesson in the real window, off screen, and times it.
   *
   * @param unknownData a second data set whose test images are unknowns, or null
   * @param threads the window trainer's libtorch threads; 0 for the window's rule
   * @param probeSize test images per probe
   * @param live whether every step trains live (the recordings off), as Train it live does, instead
   *     of playing the lesson as it plays by default
   * @param eachStep told of each step as soon as it is done (a long measurement shows its progress)
   * @return each step, timed
   * @throws IllegalStateException with one sentence when the trainer cannot load or a step does not
   *     finish
   */
  List<Step> play(
      Lesson lesson,
      Path data,
      Path unknownData,
      int threads,
      int probeSize,
      boolean live,
      Consumer<Step> eachStep);
}
