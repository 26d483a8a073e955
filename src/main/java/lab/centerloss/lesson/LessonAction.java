package lab.centerloss.lesson;

import java.util.Optional;
import lab.centerloss.text.Message;
import lab.centerloss.train.ComparisonPreset;

/** What a lesson step does after its settings are applied. */
public sealed interface LessonAction {

  /**
   * One line saying what the step did to the run, so that the teacher is never surprised; empty
   * when it does nothing but narrate.
   */
  static Optional<Message> describe(LessonAction action) {
    if (action instanceof LessonAction.Reset) {
      return Optional.of(Message.of("lesson.does.reset"));
    } else if (action instanceof LessonAction.TrainUntilStep until) {
      return Optional.of(Message.of("lesson.does.trainToStep", until.step()));
    } else if (action instanceof LessonAction.TrainUntilAccuracy until) {
      return Optional.of(
          Message.of("lesson.does.trainToAccuracy", until.accuracy(), until.maxSteps()));
    } else if (action instanceof LessonAction.StepThrough) {
      return Optional.of(Message.of("lesson.does.stepThrough"));
    } else if (action instanceof LessonAction.ShowTab tab) {
      return Optional.of(Message.of("lesson.does.showTab", Message.of(tab.tab().titleKey())));
    } else if (action instanceof LessonAction.Compare compare) {
      Message preset = Message.label(compare.preset());
      return Optional.of(
          compare.untilStep() > 0
              ? Message.of("lesson.does.compareTo", preset, compare.untilStep())
              : Message.of("lesson.does.compare", preset));
    }
    return Optional.empty();
  }

  /** Nothing: the narration and the question are the step. */
  record None() implements LessonAction {}

  /** Start again from the seed (with the step's settings). */
  record Reset() implements LessonAction {}

  /** Train until the run reaches this step, then pause. */
  record TrainUntilStep(long step) implements LessonAction {}

  /** Train until the probe's accuracy reaches this fraction (or the step limit), then pause. */
  record TrainUntilAccuracy(double accuracy, long maxSteps) implements LessonAction {}

  /** Train one batch and walk through its center update, phase by phase. */
  record StepThrough() implements LessonAction {}

  /** Show a panel of the side bar. */
  record ShowTab(LessonTab tab) implements LessonAction {}

  /** Open a comparison preset and train its runs to this step (0: just open it). */
  record Compare(ComparisonPreset preset, long untilStep) implements LessonAction {}

  /** Draw the class's eye to a control of the window, by its id. */
  record Highlight(String control) implements LessonAction {}
}
