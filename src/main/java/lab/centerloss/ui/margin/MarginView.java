package lab.centerloss.ui.margin;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import lab.centerloss.plot.TargetLogitRenderer;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.ui.model.ViewOptions;
import lab.centerloss.ui.plane.CanvasControl;

/** The margins panel ({@code fxml/margin.fxml}): the target-logit chart and its sentences. */
public final class MarginView {
  private final MarginViewModel viewModel;
  private final TargetLogitRenderer renderer = new TargetLogitRenderer();

  @FXML private CanvasControl targetLogitChart;
  @FXML private Label settingsLabel;
  @FXML private Label headLabel;

  private final ViewOptions options;

  public MarginView(MarginViewModel viewModel, ViewOptions options) {
    this.viewModel = viewModel;
    this.options = options;
  }

  @FXML
  private void initialize() {
    targetLogitChart.setPainter(
        (gc, width, height, now) -> {
          Hyperparameters hp = viewModel.settingsProperty().get();
          renderer.render(
              gc, width, height, hp.head(), hp.scale(), hp.margin(), options.planeStyle());
        });
    settingsLabel.textProperty().bind(viewModel.settingsTextProperty());
    headLabel.textProperty().bind(viewModel.headTextProperty());
  }
}
