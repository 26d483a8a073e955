package lab.centerloss.ui.compare;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import lab.centerloss.text.Messages;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.OneChange;
import lab.centerloss.ui.common.Converters;
import lab.centerloss.ui.model.ViewOptions;
import lab.centerloss.ui.plane.CanvasesInTurn;
import lab.centerloss.ui.plane.FeaturePlane;

/**
 * The comparison ({@code fxml/compare.fxml}): bindings to {@link CompareViewModel}; a plane and a
 * caption per pane.
 */
public final class CompareView {
  private final CompareViewModel viewModel;
  private final ViewOptions windowOptions;
  private final List<VBox> paneBoxes = new ArrayList<>();
  private final List<FeaturePlane> planes = new ArrayList<>();

  @FXML private VBox compareRoot;
  @FXML private Button comparePlayButton;
  @FXML private Button compareStepButton;
  @FXML private ComboBox<ComparisonPreset> comparePresetBox;
  @FXML private Label compareChangeLabel;
  @FXML private ComboBox<OneChange.Setting> compareChangeSettingBox;
  @FXML private ComboBox<String> compareChangeValueBox;
  @FXML private CheckBox compareFromShownBox;
  @FXML private CheckBox compareSharedAxesBox;
  @FXML private CheckBox compareVerificationBox;
  @FXML private ToggleButton compareTestToggle;
  @FXML private ToggleButton compareTrainToggle;
  @FXML private ToggleButton compareLegendToggle;
  @FXML private GridPane compareGrid;
  @FXML private Slider compareScrubber;
  @FXML private Label comparePositionLabel;
  @FXML private Label compareStartLabel;
  @FXML private Label compareStatusLabel;
  @FXML private Label compareNoticeLabel;

  public CompareView(CompareViewModel viewModel, ViewOptions windowOptions) {
    this.viewModel = viewModel;
    this.windowOptions = windowOptions;
  }

  @FXML
  private void initialize() {
    comparePlayButton
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    Messages.text(
                        viewModel.runningProperty().get() ? "toolbar.pause" : "toolbar.play"),
                viewModel.runningProperty()));
    comparePlayButton.disableProperty().bind(viewModel.canTrainProperty().not());
    compareStepButton.disableProperty().bind(viewModel.canTrainProperty().not());
    comparePresetBox.getItems().setAll(ComparisonPreset.values());
    comparePresetBox.setConverter(Converters.labels());
    comparePresetBox.valueProperty().bindBidirectional(viewModel.presetProperty());
    var oneChange =
        Bindings.createBooleanBinding(
            () -> viewModel.presetProperty().get() == ComparisonPreset.ONE_CHANGE,
            viewModel.presetProperty());
    for (Node node : List.of(compareChangeLabel, compareChangeSettingBox, compareChangeValueBox)) {
      node.visibleProperty().bind(oneChange);
      node.managedProperty().bind(oneChange);
    }
    compareChangeSettingBox.getItems().setAll(OneChange.Setting.values());
    compareChangeSettingBox.setConverter(Converters.labels());
    compareChangeSettingBox.valueProperty().bindBidirectional(viewModel.changedSettingProperty());
    compareChangeValueBox.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(String value) {
            return value == null
                ? ""
                : PaneCaptions.valueLabel(viewModel.changedSettingProperty().get(), value);
          }

          @Override
          public String fromString(String text) {
            return text;
          }
        });
    compareChangeValueBox.valueProperty().bindBidirectional(viewModel.changedValueProperty());
    viewModel.changedSettingProperty().addListener((o, was, now) -> offerValues());
    offerValues();
    compareFromShownBox.selectedProperty().bindBidirectional(viewModel.fromShownStepProperty());
    compareSharedAxesBox.selectedProperty().bindBidirectional(viewModel.sharedAxesProperty());
    compareVerificationBox
        .selectedProperty()
        .bindBidirectional(viewModel.verificationCaptionsProperty());
    compareTestToggle.selectedProperty().bindBidirectional(viewModel.options().showTestProperty());
    compareTrainToggle
        .selectedProperty()
        .bindBidirectional(viewModel.options().showTrainProperty());
    compareLegendToggle
        .selectedProperty()
        .bindBidirectional(viewModel.options().showLegendProperty());
    for (ComparePane pane : viewModel.panes()) {
      Label title = new Label();
      title.getStyleClass().add("pane-title");
      title.textProperty().bind(pane.titleProperty());
      title.setWrapText(true);
      FeaturePlane plane = new FeaturePlane();
      plane.setViewModel(pane.plane());
      VBox.setVgrow(plane, Priority.ALWAYS);
      plane.setMinSize(120, 120);
      Label numbers = new Label();
      numbers.getStyleClass().addAll("value", "pane-numbers");
      numbers.textProperty().bind(pane.numbersProperty());
      numbers.setWrapText(true);
      numbers.setMinHeight(Region.USE_PREF_SIZE); // wrapped, not cut short: the plane gives way
      numbers.setTooltip(new Tooltip(Messages.text("compare.numbersTip")));
      numbers.getTooltip().setWrapText(true);
      numbers.getTooltip().setMaxWidth(420);
      VBox box = new VBox(2, title, plane, numbers);
      box.getStyleClass().add("compare-pane");
      paneBoxes.add(box);
      planes.add(plane);
      pane.visibleProperty().addListener((o, was, now) -> layoutPanes());
    }
    windowOptions
        .presentationProperty()
        .addListener((o, was, on) -> planes.forEach(p -> p.setPresentation(on)));
    planes.forEach(p -> p.setLight(windowOptions.projectorThemeProperty().get()));
    windowOptions
        .projectorThemeProperty()
        .addListener((o, was, on) -> planes.forEach(p -> p.setLight(on)));
    layoutPanes();
    CanvasesInTurn.group(planes);
    compareScrubber.minProperty().bind(viewModel.firstStepProperty());
    compareScrubber
        .maxProperty()
        .bind(Bindings.max(viewModel.firstStepProperty().add(1), viewModel.lastStepProperty()));
    viewModel
        .shownStepProperty()
        .addListener(
            (o, was, now) -> {
              if (!compareScrubber.isValueChanging()) {
                compareScrubber.setValue(now.doubleValue());
              }
            });
    for (var type :
        List.of(MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_DRAGGED, MouseEvent.MOUSE_RELEASED)) {
      compareScrubber.addEventHandler(
          type, e -> viewModel.showStep(Math.round(compareScrubber.getValue())));
    }
    comparePositionLabel
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> Messages.text("compare.position", viewModel.shownStepProperty().get()),
                viewModel.shownStepProperty()));
    compareStartLabel.textProperty().bind(viewModel.startTextProperty());
    compareStatusLabel.textProperty().bind(viewModel.statusTextProperty());
    compareNoticeLabel.textProperty().bind(viewModel.noticeProperty());
  }

  /** One row of 2 or 3 panes; 4 in two rows of two. */
  private void layoutPanes() {
    compareGrid.getChildren().clear();
    compareGrid.getColumnConstraints().clear();
    compareGrid.getRowConstraints().clear();
    List<VBox> shown = new ArrayList<>();
    for (int i = 0; i < paneBoxes.size(); i++) {
      if (viewModel.panes().get(i).visibleProperty().get()) {
        shown.add(paneBoxes.get(i));
      }
    }
    int columns = shown.size() == 4 ? 2 : Math.max(1, shown.size());
    int rows = (shown.size() + columns - 1) / columns;
    for (int c = 0; c < columns; c++) {
      ColumnConstraints column = new ColumnConstraints();
      column.setPercentWidth(100.0 / columns);
      column.setHgrow(Priority.ALWAYS);
      compareGrid.getColumnConstraints().add(column);
    }
    for (int r = 0; r < rows; r++) {
      RowConstraints row = new RowConstraints();
      row.setPercentHeight(100.0 / rows);
      row.setVgrow(Priority.ALWAYS);
      compareGrid.getRowConstraints().add(row);
    }
    for (int i = 0; i < shown.size(); i++) {
      compareGrid.add(shown.get(i), i % columns, i / columns);
    }
  }

  /** The planes, for exports and tests. */
  public List<FeaturePlane> planes() {
    return planes;
  }

  @FXML
  private void onPlay() {
    viewModel.togglePlay();
  }

  @FXML
  private void onStep() {
    viewModel.step();
  }

  /**
   * The values offered for the setting chosen: its choices, or a few numbers and any other typed in
   * (the view model picks the first).
   */
  private void offerValues() {
    OneChange.Setting setting = viewModel.changedSettingProperty().get();
    compareChangeValueBox.setEditable(!setting.isChoice());
    // new items clear a value they did not hold; the view model's choice is put back
    String chosen = viewModel.changedValueProperty().get();
    compareChangeValueBox.getItems().setAll(setting.choices());
    viewModel.changedValueProperty().set(chosen);
  }

  @FXML
  private void onApply() {
    viewModel.apply();
  }

  @FXML
  private void onLive() {
    viewModel.goLive();
  }

  @FXML
  private void onBack() {
    windowOptions.comparingProperty().set(false);
  }
}
