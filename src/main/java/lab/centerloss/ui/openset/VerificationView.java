package lab.centerloss.ui.openset;

import javafx.fxml.FXML;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import lab.centerloss.plot.Fonts;
import lab.centerloss.plot.PlaneStyle;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Verification.PairScore;
import lab.centerloss.ui.common.Converters;
import lab.centerloss.ui.model.ViewOptions;
import lab.centerloss.ui.plane.CanvasControl;

/**
 * The verification part of the Open set tab ({@code fxml/verification.fxml}): bindings to {@link
 * VerificationViewModel}.
 */
public final class VerificationView {
  // Paul Tol's colors, the light ones on the dark theme and their darker kin on white (projector)
  private static final Color GENUINE_DARK_THEME = Color.web("#88CCEE");
  private static final Color GENUINE_LIGHT_THEME = Color.web("#0077BB");
  private static final Color IMPOSTOR_DARK_THEME = Color.web("#CC6677");
  private static final Color IMPOSTOR_LIGHT_THEME = Color.web("#AA3377");
  private static final Color THRESHOLD_DARK_THEME = Color.web("#DDAA33");
  private static final Color THRESHOLD_LIGHT_THEME = Color.web("#996600");

  private final VerificationViewModel viewModel;
  private final ViewOptions options;

  @FXML private Label pairsLabel;
  @FXML private ComboBox<PairScore> scoreBox;
  @FXML private Label thresholdLabel;
  @FXML private Slider thresholdSlider;
  @FXML private CanvasControl histogram;
  @FXML private CanvasControl roc;
  @FXML private Label figuresLabel;
  @FXML private ToggleButton pickPairButton;
  @FXML private Label pairLabel;

  public VerificationView(VerificationViewModel viewModel, ViewOptions options) {
    this.viewModel = viewModel;
    this.options = options;
  }

  @FXML
  private void initialize() {
    pairsLabel.textProperty().bind(viewModel.pairsTextProperty());
    scoreBox.getItems().setAll(VerificationViewModel.scores());
    scoreBox.setConverter(Converters.labels());
    scoreBox.valueProperty().bindBidirectional(viewModel.scoreProperty());
    thresholdLabel.textProperty().bind(viewModel.thresholdTextProperty());
    thresholdSlider.valueProperty().bindBidirectional(viewModel.thresholdPositionProperty());
    figuresLabel.textProperty().bind(viewModel.figuresTextProperty());
    pickPairButton.selectedProperty().bindBidirectional(viewModel.pickingPairProperty());
    pairLabel.textProperty().bind(viewModel.pairTextProperty());
    pairLabel.visibleProperty().bind(viewModel.pickingPairProperty());
    pairLabel.managedProperty().bind(viewModel.pickingPairProperty());
    histogram.setPainter((gc, width, height, now) -> drawHistogram(gc, width, height));
    roc.setPainter((gc, width, height, now) -> drawRoc(gc, width, height));
  }

  /**
   * Genuine and impostor scores of the main set, each as a share of its own pairs, and the
   * threshold.
   */
  private void drawHistogram(GraphicsContext gc, double width, double height) {
    PlaneStyle style = options.planeStyle();
    Color genuineColor = style.dark() ? GENUINE_DARK_THEME : GENUINE_LIGHT_THEME;
    Color impostorColor = style.dark() ? IMPOSTOR_DARK_THEME : IMPOSTOR_LIGHT_THEME;
    gc.setFill(style.background());
    gc.fillRect(0, 0, width, height);
    VerificationViewModel.Picture p = viewModel.pictureProperty().get();
    double left = 8;
    double right = width - 8;
    double top = 18;
    double bottom = height - 22;
    gc.setStroke(style.axis());
    gc.strokeLine(left, bottom, right, bottom);
    if (p == null) {
      return;
    }
    int[] genuine =
        VerificationViewModel.histogram(
            p.main().genuine(), p.low(), p.high(), VerificationViewModel.BINS);
    int[] impostor =
        VerificationViewModel.histogram(
            p.main().impostor(), p.low(), p.high(), VerificationViewModel.BINS);
    double most = 0;
    for (int b = 0; b < genuine.length; b++) {
      most = Math.max(most, genuine[b] / (double) p.main().genuine().length);
      most = Math.max(most, impostor[b] / (double) p.main().impostor().length);
    }
    double bin = (right - left) / genuine.length;
    for (int[] counts : new int[][] {impostor, genuine}) {
      boolean isGenuine = counts == genuine;
      double total = isGenuine ? p.main().genuine().length : p.main().impostor().length;
      gc.setFill((isGenuine ? genuineColor : impostorColor).deriveColor(0, 1, 1, 0.55));
      for (int b = 0; b < counts.length; b++) {
        double h = (bottom - top) * counts[b] / total / most;
        // a distance is drawn as itself: the lowest distance (the most alike) at the left
        int drawn = p.score() == PairScore.DISTANCE ? counts.length - 1 - b : b;
        gc.fillRect(left + drawn * bin, bottom - h, bin - 1, h);
      }
    }
    double share = (p.threshold() - p.low()) / (p.high() - p.low());
    double x = left + (right - left) * (p.score() == PairScore.DISTANCE ? 1 - share : share);
    gc.setStroke(style.dark() ? THRESHOLD_DARK_THEME : THRESHOLD_LIGHT_THEME);
    gc.setLineWidth(2);
    gc.strokeLine(x, top - 6, x, bottom);
    gc.setLineWidth(1);
    gc.setFont(Font.font(Fonts.family(), 11));
    gc.setFill(genuineColor);
    gc.fillText(Messages.text("verification.genuine"), left, 12);
    gc.setFill(impostorColor);
    gc.fillText(Messages.text("verification.impostor"), left + (right - left) / 2, 12);
    gc.setFill(style.tickLabel());
    double low = p.score() == PairScore.DISTANCE ? -p.high() : p.low();
    double high = p.score() == PairScore.DISTANCE ? -p.low() : p.high();
    gc.fillText(Messages.text("verification.axisValue", low), left, height - 6);
    gc.setTextAlign(TextAlignment.RIGHT);
    gc.fillText(Messages.text("verification.axisValue", high), right, height - 6);
    gc.setTextAlign(TextAlignment.LEFT);
  }

  /** TAR against FAR on a log axis, for the unseen pairs (solid) and the known pairs (faint). */
  private void drawRoc(GraphicsContext gc, double width, double height) {
    PlaneStyle style = options.planeStyle();
    Color genuineColor = style.dark() ? GENUINE_DARK_THEME : GENUINE_LIGHT_THEME;
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
    for (int e = -4; e <= 0; e++) {
      double x = left + (right - left) * (e + 4) / 4.0;
      gc.setStroke(style.axis().deriveColor(0, 1, 1, 0.4));
      gc.strokeLine(x, top, x, bottom);
      gc.fillText(Messages.text("verification.farTick", Math.pow(10, e)), x - 10, bottom + 14);
    }
    gc.fillText(Messages.text("verification.rocX"), left, height - 2);
    gc.save();
    gc.translate(12, bottom);
    gc.rotate(-90);
    gc.fillText(Messages.text("verification.rocY"), 0, 0);
    gc.restore();
    VerificationViewModel.Picture p = viewModel.pictureProperty().get();
    if (p == null) {
      return;
    }
    for (VerificationViewModel.PairSet set :
        new VerificationViewModel.PairSet[] {p.known(), p.unseen()}) {
      if (set == null) {
        continue;
      }
      boolean faint = set == p.known() && p.unseen() != null;
      gc.setStroke(faint ? genuineColor.deriveColor(0, 1, 1, 0.45) : genuineColor);
      gc.setLineWidth(faint ? 1.5 : 2.5);
      gc.beginPath();
      for (int i = 0; i < set.roc().length; i++) {
        double x = left + (right - left) * (Math.log10(VerificationViewModel.ROC_FARS[i]) + 4) / 4;
        double y = bottom - (bottom - top) * set.roc()[i];
        if (i == 0) {
          gc.moveTo(x, y);
        } else {
          gc.lineTo(x, y);
        }
      }
      gc.stroke();
    }
    double[] mark = viewModel.thresholdPoint();
    if (mark != null) {
      double far = Math.max(1e-4, mark[0]);
      double x = left + (right - left) * (Math.log10(far) + 4) / 4;
      double y = bottom - (bottom - top) * mark[1];
      gc.setFill(style.dark() ? THRESHOLD_DARK_THEME : THRESHOLD_LIGHT_THEME);
      gc.fillOval(x - 5, y - 5, 10, 10);
    }
  }
}
