package lab.centerloss.ui.toolbar;

import java.nio.file.Path;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import lab.centerloss.lesson.Lesson;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import lab.centerloss.ui.common.Converters;
import lab.centerloss.ui.common.FileDialogs;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.ViewOptions;

/** The toolbar ({@code fxml/toolbar.fxml}): bindings to {@link ToolbarViewModel}. */
public final class ToolbarView {
  private final ToolbarViewModel viewModel;

  @FXML private Button playButton;
  @FXML private Button stepButton;
  @FXML private Button resetButton;
  @FXML private Button newSeedButton;
  @FXML private ComboBox<Double> speedBox;
  @FXML private ToggleButton testToggle;
  @FXML private ToggleButton trainToggle;
  @FXML private ToggleButton trailsToggle;
  @FXML private ToggleButton legendToggle;
  @FXML private ToggleButton followToggle;
  @FXML private ToggleButton presentationToggle;
  @FXML private ToggleButton projectorToggle;
  @FXML private ToggleButton compareToggle;
  @FXML private ComboBox<Language> languageBox;

  @FXML private MenuButton lessonMenu;
  private final FileDialogs dialogs;

  public ToolbarView(ToolbarViewModel viewModel, FileDialogs dialogs) {
    this.viewModel = viewModel;
    this.dialogs = dialogs;
  }

  @FXML
  private void initialize() {
    LiveTraining training = viewModel.training();
    playButton.textProperty().bind(viewModel.playTextProperty());
    playButton.disableProperty().bind(training.canTrainProperty().not());
    stepButton.disableProperty().bind(training.canTrainProperty().not());
    resetButton.disableProperty().bind(training.canResetProperty().not());
    newSeedButton.disableProperty().bind(training.canResetProperty().not());
    speedBox.getItems().setAll(ToolbarViewModel.SPEEDS);
    speedBox.setConverter(Converters.of(ToolbarViewModel::speedText));
    speedBox.valueProperty().bindBidirectional(training.stepsPerSecondProperty());
    ViewOptions options = viewModel.options();
    testToggle.selectedProperty().bindBidirectional(options.showTestProperty());
    trainToggle.selectedProperty().bindBidirectional(options.showTrainProperty());
    trailsToggle.selectedProperty().bindBidirectional(options.showTrailsProperty());
    legendToggle.selectedProperty().bindBidirectional(options.showLegendProperty());
    followToggle.selectedProperty().bindBidirectional(options.followDataProperty());
    presentationToggle.selectedProperty().bindBidirectional(options.presentationProperty());
    projectorToggle.selectedProperty().bindBidirectional(options.projectorThemeProperty());
    compareToggle.selectedProperty().bindBidirectional(options.comparingProperty());
    languageBox.getItems().setAll(Language.values());
    languageBox.setConverter(Converters.of(Language::nativeName));
    languageBox.setValue(options.languageProperty().get());
    // a choice rebuilds the window around the same state, so this box is replaced at once
    languageBox.setOnAction(e -> options.languageProperty().set(languageBox.getValue()));
    for (Lesson lesson : viewModel.lessons()) {
      MenuItem item = new MenuItem(ToolbarViewModel.lessonTitle(lesson));
      item.setId("lesson-" + lesson.name());
      item.setOnAction(e -> viewModel.openLesson(lesson.name()));
      lessonMenu.getItems().add(item);
    }
    MenuItem fromFile = new MenuItem(Messages.text("lesson.openFile"));
    fromFile.setOnAction(
        e -> {
          Path file = dialogs.openFile(lessonMenu, "lesson.openFile", "lesson.fileKind", "*.json");
          if (file != null) {
            viewModel.openLesson(file.toString());
          }
        });
    MenuItem openSetup = new MenuItem(Messages.text("scenario.open"));
    openSetup.setOnAction(
        e -> {
          Path file = dialogs.openFile(lessonMenu, "scenario.open", "scenario.fileKind", "*.json");
          if (file != null) {
            viewModel.openSetup(file);
          }
        });
    MenuItem saveSetup = new MenuItem(Messages.text("scenario.save"));
    saveSetup.setOnAction(
        e -> {
          Path file =
              dialogs.saveFile(
                  lessonMenu, "scenario.save", "setup.json", "scenario.fileKind", "*.json");
          if (file != null) {
            viewModel.saveSetup(file);
          }
        });
    lessonMenu
        .getItems()
        .addAll(new SeparatorMenuItem(), fromFile, new SeparatorMenuItem(), openSetup, saveSetup);
  }

  @FXML
  private void onPlay() {
    viewModel.togglePlay();
  }

  @FXML
  private void onStep() {
    viewModel.step();
  }

  @FXML
  private void onReset() {
    viewModel.reset();
  }

  @FXML
  private void onNewSeed() {
    viewModel.newSeed();
  }
}
