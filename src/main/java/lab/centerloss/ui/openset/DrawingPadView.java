package lab.centerloss.ui.openset;

import javafx.fxml.FXML;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import lab.centerloss.data.DigitPreparation;

/**
 * The drawing pad ({@code fxml/drawing-pad.fxml}): the pen goes to {@link DrawingPadViewModel}; the
 * pad shows the ink, the small square what the network is given, both white on black as MNIST's
 * images are. A mouse, a pen and a finger all arrive as mouse events.
 */
public final class DrawingPadView {
  private final DrawingPadViewModel viewModel;
  private final WritableImage inkImage =
      new WritableImage(DrawingPadViewModel.SIDE, DrawingPadViewModel.SIDE);
  private final WritableImage preparedImage =
      new WritableImage(DigitPreparation.FIELD, DigitPreparation.FIELD);

  @FXML private Canvas pad;
  @FXML private Canvas preview;
  @FXML private Label verdictLabel;

  public DrawingPadView(DrawingPadViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    pad.setOnMousePressed(e -> viewModel.penDown(across(e), down(e)));
    pad.setOnMouseDragged(e -> viewModel.penTo(across(e), down(e)));
    pad.setOnMouseReleased(e -> viewModel.penUp());
    viewModel.inkRevisionProperty().addListener(o -> paintInk());
    viewModel.preparedProperty().addListener(o -> paintPrepared());
    verdictLabel.textProperty().bind(viewModel.verdictProperty());
    paintInk();
    paintPrepared();
  }

  private double across(MouseEvent e) {
    return e.getX() / pad.getWidth();
  }

  private double down(MouseEvent e) {
    return e.getY() / pad.getHeight();
  }

  @FXML
  private void onClear() {
    viewModel.clear();
  }

  private void paintInk() {
    float[] ink = viewModel.ink();
    PixelWriter writer = inkImage.getPixelWriter();
    int side = DrawingPadViewModel.SIDE;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        writer.setArgb(x, y, grey(Math.round(255 * ink[y * side + x])));
      }
    }
    drawFramed(pad, inkImage, true);
  }

  /** The 28x28 image as the network gets it, each pixel a block: no smoothing hides what it is. */
  private void paintPrepared() {
    byte[] image = viewModel.preparedProperty().get();
    PixelWriter writer = preparedImage.getPixelWriter();
    int side = DigitPreparation.FIELD;
    for (int i = 0; i < side * side; i++) {
      writer.setArgb(i % side, i / side, grey(image == null ? 0 : image[i] & 0xFF));
    }
    drawFramed(preview, preparedImage, false);
  }

  /** The image over the whole canvas, with a thin frame so that black paper shows its edge. */
  private static void drawFramed(Canvas canvas, WritableImage image, boolean smooth) {
    GraphicsContext gc = canvas.getGraphicsContext2D();
    gc.setImageSmoothing(smooth);
    gc.drawImage(image, 0, 0, canvas.getWidth(), canvas.getHeight());
    gc.setStroke(Color.gray(0.45));
    gc.setLineWidth(1);
    gc.strokeRect(0.5, 0.5, canvas.getWidth() - 1, canvas.getHeight() - 1);
  }

  private static int grey(int level) {
    return 0xFF000000 | level << 16 | level << 8 | level;
  }
}
