package lab.centerloss.ui.toolbar;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import lab.centerloss.lesson.Lesson;
import lab.centerloss.lesson.LessonFile;
import lab.centerloss.text.Messages;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.Setups;
import lab.centerloss.ui.model.ViewOptions;

/** The transport (Play, Step, Reset, New seed, speed) and what the plane shows. */
public final class ToolbarViewModel {
  /** Batches per second; 0 is as fast as the machine goes. */
  public static final List<Double> SPEEDS = List.of(0.0, 20.0, 10.0, 5.0, 2.0, 1.0, 0.5);

  private final LiveTraining training;
  private final ViewOptions options;
  private final StringBinding playText;
  private final Random seeds = new Random();

  private final Consumer<String> lessonOpener;

  private final Setups setups;

  /**
   * @param lessonOpener opens a built-in lesson by name or a lesson file by path
   */
  public ToolbarViewModel(
      LiveTraining training, ViewOptions options, Consumer<String> lessonOpener, Setups setups) {
    this.setups = setups;
    this.training = training;
    this.options = options;
    this.lessonOpener = lessonOpener;
    playText =
        Bindings.createStringBinding(
            () ->
                Messages.text(training.runningProperty().get() ? "toolbar.pause" : "toolbar.play"),
            training.runningProperty());
  }

  public void togglePlay() {
    training.togglePlay();
  }

  public void step() {
    training.step();
  }

  public void reset() {
    training.reset();
  }

  /** A fresh random seed; the run starts again from it. */
  public void newSeed() {
    training.setHyperparameters(
        training.hyperparametersProperty().get().withSeed(seeds.nextInt(1_000_000)));
  }

  /** The built-in lessons, for the Lessons menu, in teaching order. */
  public List<Lesson> lessons() {
    return LessonFile.builtIns();
  }

  /** A lesson's title in the window's language. */
  public static String lessonTitle(Lesson lesson) {
    return lesson.title().in(Messages.language());
  }

  public void openSetup(Path file) {
    setups.open(file);
  }

  public void saveSetup(Path file) {
    setups.save(file);
  }

  public void openLesson(String nameOrFile) {
    lessonOpener.accept(nameOrFile);
  }

  /** "As fast as possible", "10 batches/s", "1 batch/s". */
  public static String speedText(double rate) {
    return rate == 0 ? Messages.text("toolbar.fastest") : Messages.text("toolbar.rate", rate);
  }

  public LiveTraining training() {
    return training;
  }

  public ViewOptions options() {
    return options;
  }

  public StringBinding playTextProperty() {
    return playText;
  }

  /** The language changed: every text this panel made is made again in it. */
  public void refreshTexts() {
    playText.invalidate();
  }
}
