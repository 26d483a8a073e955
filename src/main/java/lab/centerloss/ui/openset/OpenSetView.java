package lab.centerloss.ui.openset;

import javafx.fxml.FXML;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import lab.centerloss.plot.Fonts;
import lab.centerloss.plot.PlaneStyle;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.OpenSetScores;
import lab.centerloss.ui.common.Converters;
import lab.centerloss.ui.model.ViewOptions;
import lab.centerloss.ui.plane.CanvasControl;

/** The open-set panel ({@code fxml/openset.fxml}): bindings to {@link OpenSetViewModel}. */
public final class OpenSetView {
  private final OpenSetViewModel viewModel;

  @FXML private Label splitLabel;
  @FXML private ComboBox<OpenSetScores.Score> scoreBox;
  @FXML private Slider thresholdSlider;
  @FXML private Label thresholdLabel;
  @FXML private CheckBox regionsCheck;
  @FXML private CheckBox unknownsCheck;
  @FXML private Label outcomesLabel;
  @FXML private Label aurocLabel;
  @FXML private CanvasControl curveChart;

  private final ViewOptions options;

  public OpenSetView(OpenSetViewModel viewModel, ViewOptions options) {
    this.viewModel = viewModel;
    this.options = options;
  }

  @FXML
  private void initialize() {
    splitLabel.textProperty().bind(viewModel.splitTextProperty());
    scoreBox.getItems().setAll(OpenSetViewModel.scores());
    scoreBox.setConverter(Converters.labels());
    scoreBox.valueProperty().bindBidirectional(viewModel.scoreProperty());
    thresholdSlider.valueProperty().bindBidirectional(viewModel.thresholdPositionProperty());
    thresholdLabel.textProperty().bind(viewModel.thresholdTextProperty());
    regionsCheck.selectedProperty().bindBidirectional(viewModel.showRegionsProperty());
    unknownsCheck.selectedProperty().bindBidirectional(viewModel.showUnknownsProperty());
    outcomesLabel.textProperty().bind(viewModel.outcomesTextProperty());
    aurocLabel.textProperty().bind(viewModel.aurocTextProperty());
    curveChart.setPainter((gc, width, height, now) -> drawCurve(gc, width, height));
  }

  /** The OSCR curve of the chosen score, and where the threshold sits on it. */
  private void drawCurve(GraphicsContext gc, double width, double height) {
    PlaneStyle style = options.planeStyle();
    gc.setFill(style.background());
    gc.fillRect(0, 0, width, height);
    double left = 40;
    double bottom = height - 28;
    double top = 8;
    double right = width - 10;
    gc.setStroke(style.axis());
    gc.strokeRect(left, top, right - left, bottom - top);
    gc.setFill(style.tickLabel());
    gc.setFont(Font.font(Fonts.family(), 11));
    gc.fillText(Messages.text("openset.curveX"), left, height - 8);
    gc.save();
    gc.translate(12, bottom);
    gc.rotate(-90);
    gc.fillText(Messages.text("openset.curveY"), 0, 0);
    gc.restore();
    OpenSetScores.CurvePoint[] curve = viewModel.curveProperty().get();
    if (curve == null) {
      return;
    }
    gc.setStroke(Color.web("#88CCEE"));
    gc.setLineWidth(2);
    gc.beginPath();
    for (int i = 0; i < curve.length; i++) {
      double x = left + (right - left) * curve[i].falsePositiveRate();
      double y = bottom - (bottom - top) * curve[i].correctRate();
      if (i == 0) {
        gc.moveTo(x, y);
      } else {
        gc.lineTo(x, y);
      }
    }
    gc.stroke();
    double[] mark = viewModel.curveMarkProperty().get();
    if (mark != null) {
      double x = left + (right - left) * mark[0];
      double y = bottom - (bottom - top) * mark[1];
      gc.setFill(Color.web("#ffd166"));
      gc.fillOval(x - 5, y - 5, 10, 10);
    }
  }

  @FXML
  private void onProtocol() {
    viewModel.useKnownDigits(OpenSetViewModel.PROTOCOL);
  }

  @FXML
  private void onClosedSet() {
    viewModel.useKnownDigits(Hyperparameters.ALL_DIGITS);
  }
}
