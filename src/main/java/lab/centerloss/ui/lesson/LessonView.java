package lab.centerloss.ui.lesson;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The lesson panel ({@code fxml/lesson.fxml}): bindings to {@link LessonViewModel}. */
public final class LessonView {
  private final LessonViewModel viewModel;

  @FXML private VBox lessonPanel;
  @FXML private Node lessonHeader;
  @FXML private Label lessonTitleLabel;
  @FXML private Label lessonProgressLabel;
  @FXML private Label lessonNarrationLabel;
  @FXML private Label lessonQuestionLabel;
  @FXML private Label lessonActionLabel;
  @FXML private Node lessonRecordingBox;
  @FXML private Label lessonRecordingLabel;
  @FXML private Button lessonTrainLiveButton;
  @FXML private Node lessonProblemBox;
  @FXML private Label lessonProblemLabel;
  @FXML private Button lessonBackButton;
  @FXML private Button lessonNextButton;

  public LessonView(LessonViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    BooleanBinding problem = viewModel.problemProperty().isNotEmpty();
    show(lessonPanel, viewModel.activeProperty().or(problem));
    show(lessonHeader, viewModel.activeProperty());
    show(lessonNarrationLabel, viewModel.activeProperty());
    show(lessonQuestionLabel, viewModel.questionProperty().isNotEmpty());
    show(lessonActionLabel, viewModel.actionTextProperty().isNotEmpty());
    show(lessonProblemBox, problem);
    show(lessonRecordingBox, viewModel.recordingTextProperty().isNotEmpty());
    show(lessonTrainLiveButton, viewModel.canTrainLiveProperty());
    lessonRecordingLabel.textProperty().bind(viewModel.recordingTextProperty());
    lessonTitleLabel.textProperty().bind(viewModel.titleProperty());
    lessonProgressLabel.textProperty().bind(viewModel.progressProperty());
    lessonNarrationLabel.textProperty().bind(viewModel.narrationProperty());
    lessonQuestionLabel.textProperty().bind(viewModel.questionProperty());
    lessonActionLabel.textProperty().bind(viewModel.actionTextProperty());
    lessonProblemLabel.textProperty().bind(viewModel.problemProperty());
    lessonBackButton.disableProperty().bind(viewModel.canBackProperty().not());
    lessonNextButton.disableProperty().bind(viewModel.canNextProperty().not());
  }

  private static void show(Node node, ObservableBooleanValue when) {
    node.visibleProperty().bind(when);
    node.managedProperty().bind(when);
  }

  @FXML
  private void onBack() {
    viewModel.back();
  }

  @FXML
  private void onNext() {
    viewModel.next();
  }

  @FXML
  private void onTrainLive() {
    viewModel.trainLive();
  }

  @FXML
  private void onAgain() {
    viewModel.again();
  }

  @FXML
  private void onLeave() {
    viewModel.leave();
  }

  @FXML
  private void onDismiss() {
    viewModel.dismissProblem();
  }
}
