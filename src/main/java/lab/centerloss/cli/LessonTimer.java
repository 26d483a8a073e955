package lab.centerloss.cli;

import java.nio.file.Path;
import lab.centerloss.lesson.Lesson;

/**
 * The window's lesson player, timed, as {@code bench --lesson} uses it. The command line knows no
 * window (the layers: ui | cli), so the top-level command, which knows both, hands it over (see
 * {@link CommandLineApp#create}).
 */
@FunctionalInterface
public interface LessonTimer {
  /**
   * Plays a lesson in the real window, off screen, and times it.
   *
   * @param unknownData a second data set whose test images are unknowns, or null
   * @param threads the window trainer's libtorch threads; 0 for the window's rule
   * @param probeSize test images per probe
   * @return for each step, the seconds from entering it until its action was complete
   * @throws IllegalStateException with one sentence when the trainer cannot load or a step does not
   *     finish
   */
  double[] play(Lesson lesson, Path data, Path unknownData, int threads, int probeSize);
}
