package lab.centerloss.lesson;

import java.util.List;

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
}
