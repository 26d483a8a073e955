package lab.centerloss.ui.stepthrough;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.embed.swing.SwingFXUtils;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javax.imageio.ImageIO;
import lab.centerloss.plot.Fonts;
import lab.centerloss.text.Messages;
import lab.centerloss.ui.common.BackgroundFiles;
import lab.centerloss.ui.common.FileDialogs;

/**
 * The step-through panel ({@code fxml/step-through.fxml}): bindings to {@link
 * StepThroughViewModel}.
 */
public final class StepThroughView {
  private final StepThroughViewModel viewModel;
  private final BackgroundFiles files;
  private final FileDialogs dialogs;
  private Supplier<WritableImage> planeSnapshot = () -> null;

  @FXML private VBox inspector;
  @FXML private Label stepTitle;
  @FXML private Button previousPhaseButton;
  @FXML private Button nextPhaseButton;
  @FXML private Button earlierStepButton;
  @FXML private Button laterStepButton;
  @FXML private Label phaseLabel;
  @FXML private CheckBox allArrowsCheck;
  @FXML private Label ruleLabel;
  @FXML private Label lossesLabel;
  @FXML private Label detailLabel;
  @FXML private TableView<CenterUpdateRow> updateTable;
  @FXML private Label exportMessage;

  public StepThroughView(
      StepThroughViewModel viewModel, BackgroundFiles files, FileDialogs dialogs) {
    this.viewModel = viewModel;
    this.files = files;
    this.dialogs = dialogs;
  }

  /** Where the shell lets the panel take a picture of the plane, for the exported view. */
  public void setPlaneSnapshot(Supplier<WritableImage> snapshot) {
    planeSnapshot = snapshot;
  }

  @FXML
  private void initialize() {
    stepTitle.textProperty().bind(viewModel.titleProperty());
    phaseLabel.textProperty().bind(viewModel.phaseTextProperty());
    ruleLabel.textProperty().bind(viewModel.ruleTextProperty());
    lossesLabel.textProperty().bind(viewModel.lossesTextProperty());
    detailLabel.textProperty().bind(viewModel.detailProperty());
    allArrowsCheck.selectedProperty().bindBidirectional(viewModel.allArrowsProperty());
    var unavailable = viewModel.activeProperty().not().or(viewModel.training().runningProperty());
    for (Button b :
        List.of(previousPhaseButton, nextPhaseButton, earlierStepButton, laterStepButton)) {
      b.disableProperty().bind(unavailable);
    }
    updateTable.setItems(viewModel.rows());
    // JavaFX's own "No content in table" is not in our bundles; the sentence above says why
    updateTable.setPlaceholder(new Label());
    updateTable
        .getColumns()
        .setAll(
            List.of(
                column("step.column.digit", r -> Integer.toString(r.digit())),
                column("step.column.n", r -> Integer.toString(r.count())),
                column("step.column.old", r -> CenterUpdateRow.pair(r.oldX(), r.oldY())),
                column(
                    "step.column.mean",
                    r -> r.count() == 0 ? "–" : CenterUpdateRow.pair(r.meanX(), r.meanY())),
                column("step.column.delta", r -> CenterUpdateRow.pair(r.deltaX(), r.deltaY())),
                column(
                    "step.column.new", r -> CenterUpdateRow.pair(r.appliedNewX(), r.appliedNewY())),
                column(
                    "step.column.paperNew",
                    r -> CenterUpdateRow.pair(r.paperNewX(), r.paperNewY())),
                column(
                    "step.column.effectiveAlpha",
                    r -> CenterUpdateRow.number(r.effectiveAlpha()))));
    updateTable.setRowFactory(
        table -> {
          TableRow<CenterUpdateRow> row = new TableRow<>();
          row.setOnMouseClicked(
              e -> {
                if (row.getItem() != null) {
                  viewModel.options().toggleClass(row.getIndex(), viewModel.rows().size());
                }
              });
          return row;
        });
    viewModel
        .options()
        .selectedClassProperty()
        .addListener(
            (o, was, digit) -> {
              int d = digit.intValue();
              if (d >= 0 && d < updateTable.getItems().size()) {
                updateTable.getSelectionModel().select(d);
              } else {
                updateTable.getSelectionModel().clearSelection();
              }
            });
  }

  private static TableColumn<CenterUpdateRow, String> column(
      String titleKey, Function<CenterUpdateRow, String> text) {
    TableColumn<CenterUpdateRow, String> column = new TableColumn<>(Messages.text(titleKey));
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
    column.setSortable(false);
    // wide enough for its title, which a narrow column would cut short
    Text title = new Text(column.getText());
    title.setFont(Font.font(Fonts.family(), 12));
    column.setPrefWidth(Math.max(64, Math.ceil(title.getLayoutBounds().getWidth()) + 24));
    column.setMinWidth(column.getPrefWidth());
    return column;
  }

  @FXML
  private void onNextPhase() {
    viewModel.nextPhase();
  }

  @FXML
  private void onPreviousPhase() {
    viewModel.previousPhase();
  }

  @FXML
  private void onEarlierStep() {
    viewModel.earlierStep();
  }

  @FXML
  private void onLaterStep() {
    viewModel.laterStep();
  }

  /**
   * The plane and this panel side by side, as one PNG: pictures taken here, the file written
   * elsewhere.
   */
  @FXML
  private void onExportView() {
    Path target =
        dialogs.saveFile(inspector, "step.exportView", "center-update.png", "files.png", "*.png");
    if (target == null) {
      return;
    }
    WritableImage plane = planeSnapshot.get();
    WritableImage panel = inspector.snapshot(null, null);
    BufferedImage image =
        sideBySide(
            plane == null ? null : SwingFXUtils.fromFXImage(plane, null),
            SwingFXUtils.fromFXImage(panel, null));
    files.write(target, out -> ImageIO.write(image, "png", out), exportMessage::setText);
  }

  private static BufferedImage sideBySide(BufferedImage left, BufferedImage right) {
    int leftWidth = left == null ? 0 : left.getWidth();
    int width = leftWidth + right.getWidth();
    int height = Math.max(left == null ? 0 : left.getHeight(), right.getHeight());
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0x1f2328));
    g.fillRect(0, 0, width, height);
    if (left != null) {
      g.drawImage(left, 0, 0, null);
    }
    g.drawImage(right, leftWidth, 0, null);
    g.dispose();
    return image;
  }

  @FXML
  private void onExportTable() {
    Path target =
        dialogs.saveFile(inspector, "step.exportTable", "center-update.csv", "files.csv", "*.csv");
    if (target != null) {
      String csv = viewModel.tableCsv();
      files.write(
          target, out -> out.write(csv.getBytes(StandardCharsets.UTF_8)), exportMessage::setText);
    }
  }
}
