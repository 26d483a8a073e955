package lab.centerloss.ui.status;

import javafx.beans.property.StringProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/** The status bar ({@code fxml/status.fxml}): bindings to {@link StatusViewModel}. */
public final class StatusView {
  private final StatusViewModel viewModel;

  @FXML private Label stateLabel;
  @FXML private Label deviceLabel;
  @FXML private Label rateLabel;
  @FXML private Label progressLabel;
  @FXML private Label recordingIndicator;

  public StatusView(StatusViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    stateLabel.textProperty().bind(viewModel.stateTextProperty());
    deviceLabel.textProperty().bind(viewModel.training().deviceTextProperty());
    rateLabel.textProperty().bind(viewModel.rateTextProperty());
    progressLabel.textProperty().bind(viewModel.progressTextProperty());
    Tooltip accuracyTip = new Tooltip();
    accuracyTip.setWrapText(true);
    accuracyTip.setMaxWidth(420);
    accuracyTip.textProperty().bind(viewModel.progressTipProperty());
    progressLabel.setTooltip(accuracyTip);
  }

  /** Where the shell shows the export panel's recording indicator. */
  public StringProperty recordingIndicatorTextProperty() {
    return recordingIndicator.textProperty();
  }
}
