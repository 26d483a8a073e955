package lab.centerloss.lesson;

import java.util.List;
import lab.centerloss.train.Hyperparameters;

/**
 * A guided lesson: a title and 1 to {@link LessonFile#MAX_STEPS} steps, each with narration in
 * English and Simplified Chinese, settings, an action and a question.
 *
 * @param name short name: what {@code lesson NAME} and {@code --lesson NAME} take
 */
public record Lesson(String name, LocalizedText title, List<LessonStep> steps) {
  public Lesson {
    steps = List.copyOf(steps);
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
