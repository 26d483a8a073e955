package lab.centerloss.ui.timeline;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.VBox;
import lab.centerloss.store.RunFile;
import lab.centerloss.store.RunFileException;
import lab.centerloss.text.Message;
import lab.centerloss.text.Messages;
import lab.centerloss.ui.common.Converters;
import lab.centerloss.ui.common.FileDialogs;
import lab.centerloss.ui.common.FxThread;
import lab.centerloss.ui.model.RunLibrary;

/** The timeline ({@code fxml/timeline.fxml}): bindings to {@link TimelineViewModel}. */
public final class TimelineView {
  private final TimelineViewModel viewModel;
  private final FileDialogs dialogs;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "run-files");
            thread.setDaemon(true);
            return thread;
          });

  @FXML private VBox root;
  @FXML private ComboBox<Object> runBox;
  @FXML private Button playPastButton;
  @FXML private ToggleButton backwardsToggle;
  @FXML private ComboBox<Double> playbackSpeedBox;
  @FXML private Slider scrubber;
  @FXML private Label positionLabel;
  @FXML private Button liveButton;
  @FXML private Button continueButton;
  @FXML private Label memoryLabel;
  @FXML private Label timelineMessage;
  @FXML private Button reopenButton;
  @FXML private Button dismissReopenButton;

  public TimelineView(TimelineViewModel viewModel, FileDialogs dialogs) {
    this.viewModel = viewModel;
    this.dialogs = dialogs;
  }

  @FXML
  private void initialize() {
    runBox.setItems(viewModel.runChoices());
    runBox.setConverter(
        Converters.of(
            choice ->
                choice == TimelineViewModel.LIVE
                    ? Messages.text("runs.live")
                    : ((RunLibrary.KeptRun) choice).label()));
    runBox.valueProperty().bindBidirectional(viewModel.runChoiceProperty());
    scrubber.setMin(1);
    scrubber.maxProperty().bind(Bindings.max(1, viewModel.lastStepProperty()));
    // the slider shows the step shown; a drag asks for a step
    viewModel
        .shownStepProperty()
        .addListener(
            (o, was, now) -> {
              if (!scrubber.isValueChanging()) {
                scrubber.setValue(now.doubleValue());
              }
            });
    // Only the user's hand moves the cursor: the slider's own handlers have moved its value
    // when these reach it, as the events bubble up from the thumb and the track.
    for (var type :
        List.of(MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_DRAGGED, MouseEvent.MOUSE_RELEASED)) {
      scrubber.addEventHandler(type, e -> viewModel.scrubTo(scrubber.getValue()));
    }
    scrubber.disableProperty().bind(viewModel.lastStepProperty().lessThan(1));
    positionLabel.textProperty().bind(viewModel.positionTextProperty());
    playPastButton
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    Messages.text(
                        viewModel.playingProperty().get()
                            ? "timeline.pausePast"
                            : "timeline.playPast"),
                viewModel.playingProperty()));
    backwardsToggle.selectedProperty().bindBidirectional(viewModel.backwardsProperty());
    playbackSpeedBox.getItems().setAll(TimelineViewModel.PLAYBACK_SPEEDS);
    playbackSpeedBox.setConverter(Converters.of(rate -> Messages.text("timeline.speed", rate)));
    playbackSpeedBox.valueProperty().bindBidirectional(viewModel.speedProperty());
    liveButton.disableProperty().bind(viewModel.liveProperty());
    continueButton
        .disableProperty()
        .bind(
            viewModel
                .training()
                .canResetProperty()
                .not()
                .or(viewModel.lastStepProperty().lessThan(1)));
    memoryLabel.textProperty().bind(viewModel.memoryTextProperty());
    timelineMessage.textProperty().bind(viewModel.messageProperty());
    for (Button b : List.of(reopenButton, dismissReopenButton)) {
      b.visibleProperty().bind(viewModel.autosave().reopenOfferedProperty());
      b.managedProperty().bind(viewModel.autosave().reopenOfferedProperty());
    }
  }

  @FXML
  private void onReopen() {
    viewModel.autosave().answerReopen();
    if (viewModel.autosave().file() != null) {
      open(viewModel.autosave().file());
    }
  }

  @FXML
  private void onDismissReopen() {
    viewModel.autosave().answerReopen();
  }

  @FXML
  private void onPlayPast() {
    viewModel.togglePlayback();
  }

  @FXML
  private void onLive() {
    viewModel.goLive();
  }

  @FXML
  private void onContinue() {
    viewModel.continueFromHere();
  }

  @FXML
  private void onSaveRun() {
    Path target =
        dialogs.saveFile(
            root,
            "timeline.saveTitle",
            "run" + RunFile.EXTENSION,
            "files.run",
            "*" + RunFile.EXTENSION);
    if (target != null) {
      viewModel.save(target, worker::submit);
    }
  }

  @FXML
  private void onOpenRun() {
    Path file = dialogs.openFile(root, "timeline.openTitle", "files.run", "*" + RunFile.EXTENSION);
    if (file != null) {
      open(file);
    }
  }

  /**
   * Reads a run file off the JavaFX thread; a run of other data is shown only if the teacher says
   * so.
   */
  public void open(Path file) {
    String fingerprint = viewModel.trainerFingerprint();
    viewModel.showMessage(Message.of("timeline.opening", file.toString()));
    worker.submit(
        () -> {
          try {
            TimelineViewModel.Opened opened = TimelineViewModel.read(file, fingerprint);
            FxThread.run(
                () -> {
                  if (!opened.otherData() || confirmOtherData(file)) {
                    viewModel.show(opened);
                  } else {
                    viewModel.showMessage(null);
                  }
                });
          } catch (RunFileException e) {
            FxThread.run(() -> viewModel.showMessage(e.reason()));
          }
        });
  }

  private boolean confirmOtherData(Path file) {
    Alert alert =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            Messages.text("timeline.otherDataQuestion", file.toString()),
            ButtonType.YES,
            ButtonType.NO);
    alert.setHeaderText(null);
    alert.setTitle(Messages.text("timeline.openTitle"));
    return alert.showAndWait().orElse(ButtonType.NO) == ButtonType.YES;
  }

  public void shutdown() {
    worker.shutdown();
  }
}
