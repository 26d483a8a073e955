package lab.centerloss.ui.export;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.text.Messages;
import lab.centerloss.ui.common.FileDialogs;

/** The export panel ({@code fxml/export.fxml}): bindings to {@link ExportViewModel}. */
public final class ExportView {
  private final ExportViewModel viewModel;
  private final FileDialogs dialogs;
  private Supplier<PlaneScene> planeScene = () -> null;
  private Supplier<Double> planeHeight = () -> 1.0;

  @FXML private VBox root;
  @FXML private ComboBox<String> exportSizeBox;
  @FXML private CheckBox exportLegendCheck;
  @FXML private CheckBox exportOverlayCheck;
  @FXML private TextField recordingFolderField;
  @FXML private ComboBox<Integer> everyBox;
  @FXML private Button recordButton;
  @FXML private Label recordingLabel;
  @FXML private ComboBox<Integer> gifDelayBox;
  @FXML private Button gifButton;
  @FXML private Button csvButton;
  @FXML private Button jsonlButton;
  @FXML private Button webPageButton;
  @FXML private ProgressBar exportProgress;
  @FXML private Button cancelExportButton;
  @FXML private Label exportStatus;

  public ExportView(ExportViewModel viewModel, FileDialogs dialogs) {
    this.viewModel = viewModel;
    this.dialogs = dialogs;
  }

  /** What the shell's plane shows now, and its height, for "Save the plane". */
  public void setPlane(Supplier<PlaneScene> scene, Supplier<Double> height) {
    planeScene = scene;
    planeHeight = height;
  }

  @FXML
  private void initialize() {
    exportSizeBox.getItems().setAll(ExportViewModel.SIZES);
    exportSizeBox.valueProperty().bindBidirectional(viewModel.sizeProperty());
    exportLegendCheck.selectedProperty().bindBidirectional(viewModel.legendProperty());
    exportOverlayCheck.selectedProperty().bindBidirectional(viewModel.overlayProperty());
    recordingFolderField.textProperty().bindBidirectional(viewModel.recordingFolderProperty());
    recordingFolderField.disableProperty().bind(viewModel.recordingProperty());
    everyBox.getItems().setAll(ExportViewModel.EVERY);
    everyBox.valueProperty().bindBidirectional(viewModel.everyProperty());
    everyBox.disableProperty().bind(viewModel.recordingProperty());
    recordButton
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    Messages.text(
                        viewModel.recordingProperty().get() ? "export.stop" : "export.start"),
                viewModel.recordingProperty()));
    recordingLabel.textProperty().bind(viewModel.recordingTextProperty());
    gifDelayBox.getItems().setAll(40, 60, 80, 100, 150, 200, 500);
    gifDelayBox.valueProperty().bindBidirectional(viewModel.gifDelayProperty());
    for (Button b : List.of(gifButton, csvButton, jsonlButton, webPageButton)) {
      b.disableProperty().bind(viewModel.busyProperty());
    }
    exportProgress.progressProperty().bind(viewModel.progressProperty());
    exportProgress.visibleProperty().bind(viewModel.busyProperty());
    cancelExportButton.visibleProperty().bind(viewModel.busyProperty());
    exportStatus.textProperty().bind(viewModel.messageProperty());
  }

  @FXML
  private void onSaveSnapshot() {
    saveSnapshot("feature-plane.png", "files.png", "*.png", viewModel::saveSnapshot);
  }

  @FXML
  private void onSaveSnapshotSvg() {
    saveSnapshot("feature-plane.svg", "files.svg", "*.svg", viewModel::saveSnapshotSvg);
  }

  /** How the plane shown is saved to a file: as pixels or as shapes. */
  @FunctionalInterface
  private interface SnapshotSaver {
    void save(Path target, PlaneScene scene, double planeHeight);
  }

  private void saveSnapshot(String name, String kindKey, String pattern, SnapshotSaver saver) {
    Path target = dialogs.saveFile(root, "export.savePlaneTitle", name, kindKey, pattern);
    PlaneScene scene = planeScene.get();
    if (target != null && scene != null) {
      saver.save(target, scene, planeHeight.get());
    }
  }

  @FXML
  private void onChooseRecordingFolder() {
    Path folder = dialogs.folder(root, "export.framesFolderTitle");
    if (folder != null) {
      viewModel.recordingFolderProperty().set(folder.toString());
    }
  }

  @FXML
  private void onRecord() {
    viewModel.toggleRecording();
  }

  @FXML
  private void onMakeGif() {
    Path target =
        dialogs.saveFile(root, "export.saveGifTitle", "training.gif", "files.gif", "*.gif");
    if (target != null) {
      viewModel.makeGif(target);
    }
  }

  @FXML
  private void onExportCsv() {
    Path target = dialogs.saveFile(root, "export.saveCsvTitle", "run.csv", "files.csv", "*.csv");
    if (target != null) {
      viewModel.exportCsv(target);
    }
  }

  @FXML
  private void onExportJsonLines() {
    Path target =
        dialogs.saveFile(root, "export.saveJsonlTitle", "run.jsonl", "files.jsonl", "*.jsonl");
    if (target != null) {
      viewModel.exportJsonLines(target);
    }
  }

  @FXML
  private void onExportWebPage() {
    Path target =
        dialogs.saveFile(
            root, "export.webPageTitle", "center-loss-run.html", "files.html", "*.html");
    if (target != null) {
      viewModel.exportWebPage(target);
    }
  }

  @FXML
  private void onCancelExport() {
    viewModel.cancel();
  }

  /** The recording indicator for the status bar. */
  public StringBinding recordingText() {
    return viewModel.recordingTextProperty();
  }
}
