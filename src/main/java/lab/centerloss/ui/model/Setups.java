package lab.centerloss.ui.model;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import lab.centerloss.lesson.LessonFile;
import lab.centerloss.lesson.Scenario;
import lab.centerloss.text.Messages;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.ui.common.BackgroundFiles;

/**
 * Setups ("scenarios"): the whole state a teacher prepares — settings, the digits known, what the
 * plane shows, the comparison open — taken from the window, saved, opened and applied.
 */
public final class Setups {
  private final LiveTraining training;
  private final ViewOptions options;
  private final Supplier<Optional<ComparisonPreset>> shownComparison;
  private final Consumer<ComparisonPreset> openComparison;
  private final BackgroundFiles files;
  private final Consumer<String> say;

  /**
   * @param shownComparison the comparison on screen, if the window compares
   * @param openComparison shows a comparison preset, its runs built afresh
   * @param say where a result or problem is said, in one sentence
   */
  public Setups(
      LiveTraining training,
      ViewOptions options,
      Supplier<Optional<ComparisonPreset>> shownComparison,
      Consumer<ComparisonPreset> openComparison,
      BackgroundFiles files,
      Consumer<String> say) {
    this.training = training;
    this.options = options;
    this.shownComparison = shownComparison;
    this.openComparison = openComparison;
    this.files = files;
    this.say = say;
  }

  /** The window's setup now. */
  public Scenario current() {
    return new Scenario(
        training.hyperparametersProperty().get(),
        new Scenario.View(
            options.showTestProperty().get(),
            options.showTrainProperty().get(),
            options.showTrailsProperty().get(),
            options.showLegendProperty().get(),
            options.followDataProperty().get()),
        options.comparingProperty().get() ? shownComparison.get() : Optional.empty());
  }

  /**
   * Puts a setup on the window: its settings (the run starts again when they need it), view and
   * comparison.
   */
  public void apply(Scenario scenario) {
    training.setHyperparameters(scenario.settings());
    Scenario.View view = scenario.view();
    options.showTestProperty().set(view.test());
    options.showTrainProperty().set(view.train());
    options.showTrailsProperty().set(view.trails());
    options.showLegendProperty().set(view.legend());
    options.followDataProperty().set(view.follow());
    if (scenario.compare().isPresent()) {
      openComparison.accept(scenario.compare().get());
    } else {
      options.comparingProperty().set(false);
    }
  }

  /** Reads and applies a setup file; a file that cannot be used changes nothing and is said why. */
  public boolean open(Path file) {
    try {
      apply(Scenario.read(file));
      say.accept(Messages.text("scenario.opened", file));
      return true;
    } catch (LessonFile.LessonException e) {
      say.accept(e.getMessage());
      return false;
    }
  }

  /** Writes the window's setup, whole or not at all, off the JavaFX thread. */
  public void save(Path file) {
    byte[] json = current().toJson().getBytes(StandardCharsets.UTF_8);
    files.write(file, out -> out.write(json), say);
  }
}
