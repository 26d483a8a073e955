package lab.centerloss.lesson;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import lab.centerloss.train.Hyperparameters;

/**
 * A guided lesson: a title and 1 to {@link LessonFile#MAX_STEPS} steps, each with narration in
 * English and Simplified Chinese, settings, an action and a question.
 *
 * @param name short name: what {@code lesson NAME} and {@code --lesson NAME} take
 * @param folder the folder of the lesson file it was read from, where its setup files and its
 *     recordings are ({@link LessonRecordings}); empty for a built-in lesson or one read from bytes
 */
public record Lesson(
    String name, LocalizedText title, List<LessonStep> steps, Optional<Path> folder) {
  public Lesson {
    steps = List.copyOf(steps);
  }

  /** A lesson of no folder (built in, or read from bytes). */
  public Lesson(String name, LocalizedText title, List<LessonStep> steps) {
    this(name, title, steps, Optional.empty());
  }

  /**
   * The settings in force once step {@code index} is entered, from those before it. A step changes
   * only the settings it names, except the first: a lesson starts from the whole recipe of the head
   * its first step names (softmax if none), so that it never inherits what ran before it, such as
   * another lesson's Adam at 0.001 under "softmax alone".
   */
  public Hyperparameters settingsAt(int index, Hyperparameters before) {
    LessonStep step = steps.get(index);
    return step.apply(
        index == 0
            ? Hyperparameters.recommendedFor(step.apply(Hyperparameters.defaults()).head())
            : before);
  }
}
