package lab.centerloss.ui.problem;

import java.io.File;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import lab.centerloss.text.Messages;

/** The overlay over the plane ({@code fxml/problem.fxml}): bindings to {@link ProblemViewModel}. */
public final class ProblemView {
  private final ProblemViewModel viewModel;

  @FXML private VBox problemBox;
  @FXML private Label problemLabel;
  @FXML private Button problemResetButton;
  @FXML private Button restartButton;
  @FXML private Button chooseDataButton;
  @FXML private Label loadingLabel;
  @FXML private Label startHint;

  public ProblemView(ProblemViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    problemLabel.textProperty().bind(viewModel.problemTextProperty());
    problemBox.visibleProperty().bind(viewModel.problemTextProperty().isNotEmpty());
    show(problemResetButton, viewModel.divergedProperty());
    show(restartButton, viewModel.failedProperty());
    show(chooseDataButton, viewModel.noDataProperty());
    loadingLabel.textProperty().bind(viewModel.training().statusTextProperty());
    loadingLabel.visibleProperty().bind(viewModel.loadingProperty());
    startHint.visibleProperty().bind(viewModel.beforeFirstStepProperty());
  }

  private static void show(Node node, ObservableBooleanValue when) {
    node.visibleProperty().bind(when);
    node.managedProperty().bind(when);
  }

  @FXML
  private void onReset() {
    viewModel.reset();
  }

  @FXML
  private void onRestart() {
    viewModel.restart();
  }

  @FXML
  private void onChooseData() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(Messages.text("problem.chooseDataTitle"));
    File folder =
        chooser.showDialog(
            problemBox.getScene() == null ? null : problemBox.getScene().getWindow());
    if (folder != null) {
      viewModel.useDataFolder(folder.toPath());
    }
  }
}
