package lab.centerloss.ui;

import java.io.File;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.util.StringConverter;
import lab.centerloss.plot.AngleRenderer;
import lab.centerloss.plot.PlaneRenderer;
import lab.centerloss.plot.PlaneStyle;
import lab.centerloss.plot.ViewWindow;
import lab.centerloss.train.CenterRule;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.ModelSize;
import lab.centerloss.train.OptimizerKind;
import lab.centerloss.train.TrainerStatus.State;
import lab.centerloss.train.Vec2List;

/** The main window's controller: binds controls to {@link MainViewModel} and draws each frame. */
public final class MainView {
    private static final double KEY_ZOOM = 1.25;
    /**
     * Redraw at most about 30 times a second: motion stays smooth on a projector, and on a
     * machine without a GPU the software renderer leaves the processors to training.
     */
    private static final long MIN_FRAME_NANOS = 30_000_000L;
    private long lastDrawn;

    private final MainViewModel viewModel;
    private final Stage stage;
    private final PlaneRenderer planeRenderer = new PlaneRenderer();
    private final AngleRenderer angleRenderer = new AngleRenderer();
    private final FrameClock frameClock = new FrameClock();
    private AnimationTimer timer;
    private double dragX;
    private double dragY;
    private boolean dragged;

    @FXML private BorderPane root;
    @FXML private Button playButton;
    @FXML private Button stepButton;
    @FXML private Button resetButton;
    @FXML private Button newSeedButton;
    @FXML private ComboBox<Double> speedBox;
    @FXML private ToggleButton testToggle;
    @FXML private ToggleButton trainToggle;
    @FXML private ToggleButton trailsToggle;
    @FXML private ToggleButton legendToggle;
    @FXML private ToggleButton followToggle;
    @FXML private ToggleButton presentationToggle;
    @FXML private HBox planes;
    @FXML private CanvasPane planePane;
    @FXML private CanvasPane anglePane;
    @FXML private VBox problemBox;
    @FXML private Button restartButton;
    @FXML private Label problemLabel;
    @FXML private Button problemResetButton;
    @FXML private Button chooseDataButton;
    @FXML private Label loadingLabel;
    @FXML private ComboBox<HeadKind> headBox;
    @FXML private CheckBox centerLossCheck;
    @FXML private Label lambdaValue;
    @FXML private Slider lambdaSlider;
    @FXML private Label alphaValue;
    @FXML private Slider alphaSlider;
    @FXML private ComboBox<CenterRule> centerRuleBox;
    @FXML private Label learningRateValue;
    @FXML private Slider learningRateSlider;
    @FXML private ComboBox<OptimizerKind> optimizerBox;
    @FXML private Label marginValue;
    @FXML private Slider marginSlider;
    @FXML private Label scaleValue;
    @FXML private Slider scaleSlider;
    @FXML private ComboBox<ModelSize> modelBox;
    @FXML private ComboBox<Integer> batchSizeBox;
    @FXML private TextField seedField;
    @FXML private Label seedProblemLabel;
    @FXML private Label noticeLabel;
    @FXML private LineChart<Number, Number> lossChart;
    @FXML private LineChart<Number, Number> accuracyChart;
    @FXML private Label stateLabel;
    @FXML private Label deviceLabel;
    @FXML private Label rateLabel;
    @FXML private Label progressLabel;
    @FXML private javafx.scene.layout.StackPane planeArea;
    @FXML private javafx.scene.control.TabPane sideTabs;
    @FXML private javafx.scene.control.Tab inspectorTab;
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
    @FXML private javafx.scene.control.TableView<CenterUpdateRow> updateTable;
    @FXML private Label exportMessage;
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
    @FXML private javafx.scene.control.ProgressBar exportProgress;
    @FXML private Button cancelExportButton;
    @FXML private Label exportStatus;
    @FXML private Label recordingIndicator;

    public MainView(MainViewModel viewModel, Stage stage) {
        this.viewModel = viewModel;
        this.stage = stage;
    }

    @FXML
    private void initialize() {
        bindTransport();
        bindHyperparameters();
        bindDisplayToggles();
        bindStatus();
        bindCharts();
        bindPlane();
        bindInspector();
        bindExport();
        root.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
                scene.windowProperty().addListener((w, oldWindow, window) -> {
                    if (window != null) {
                        window.showingProperty().addListener((s, wasShowing, showing) -> runTimer(showing));
                        runTimer(window.isShowing());
                    }
                });
            }
        });
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frameClock.tick(now);
                viewModel.onFrame(now);
                if (now - lastDrawn >= MIN_FRAME_NANOS) {
                    lastDrawn = now;
                    draw(now);
                }
            }
        };
    }

    /**
     * Draws only while the window shows: a canvas that is not on screen keeps every drawing
     * command it is given, so a hidden window that kept drawing would fill the memory.
     */
    private void runTimer(boolean showing) {
        if (showing) {
            timer.start();
        } else {
            timer.stop();
        }
    }

    private void bindTransport() {
        playButton.textProperty().bind(Bindings.when(viewModel.runningProperty()).then("Pause").otherwise("Play"));
        playButton.disableProperty().bind(viewModel.canTrainProperty().not());
        stepButton.disableProperty().bind(viewModel.canTrainProperty().not());
        resetButton.disableProperty().bind(viewModel.canResetProperty().not());
        newSeedButton.disableProperty().bind(resetButton.disableProperty());
        speedBox.getItems().setAll(MainViewModel.SPEEDS);
        speedBox.setConverter(converter(rate -> rate == 0 ? "As fast as possible" : MainViewModel.formatNumber(rate)
                + (rate == 1 ? " batch/s" : " batches/s")));
        speedBox.valueProperty().bindBidirectional(viewModel.speedProperty());
    }

    private void bindHyperparameters() {
        headBox.getItems().setAll(HeadKind.values());
        headBox.setConverter(converter(HeadKind::displayName));
        headBox.valueProperty().bindBidirectional(viewModel.headProperty());
        centerLossCheck.selectedProperty().bindBidirectional(viewModel.centerLossProperty());
        lambdaSlider.valueProperty().bindBidirectional(viewModel.lambdaPositionProperty());
        lambdaSlider.disableProperty().bind(viewModel.centerLossProperty().not());
        lambdaValue.textProperty().bind(viewModel.lambdaTextProperty());
        alphaSlider.valueProperty().bindBidirectional(viewModel.alphaProperty());
        alphaValue.textProperty().bind(viewModel.alphaTextProperty());
        centerRuleBox.getItems().setAll(CenterRule.values());
        centerRuleBox.setConverter(converter(rule -> rule == CenterRule.PAPER ? "paper (1 + n_j)" : "SGD"));
        centerRuleBox.valueProperty().bindBidirectional(viewModel.centerRuleProperty());
        learningRateSlider.valueProperty().bindBidirectional(viewModel.learningRatePositionProperty());
        learningRateValue.textProperty().bind(viewModel.learningRateTextProperty());
        optimizerBox.getItems().setAll(OptimizerKind.values());
        optimizerBox.setConverter(converter(kind -> kind == OptimizerKind.SGD ? "SGD" : "Adam"));
        optimizerBox.valueProperty().bindBidirectional(viewModel.optimizerProperty());
        marginSlider.setMax(MainViewModel.MAX_MARGIN);
        marginSlider.valueProperty().bindBidirectional(viewModel.marginProperty());
        marginSlider.disableProperty().bind(viewModel.marginAppliesProperty().not());
        marginValue.textProperty().bind(viewModel.marginTextProperty());
        scaleSlider.valueProperty().bindBidirectional(viewModel.scaleProperty());
        scaleSlider.disableProperty().bind(viewModel.normalizedHeadProperty().not());
        scaleValue.textProperty().bind(viewModel.scaleTextProperty());
        modelBox.getItems().setAll(ModelSize.values());
        modelBox.setConverter(converter(size -> size == ModelSize.LITE ? "lite (8/16/32)" : "paper (32/64/128)"));
        modelBox.valueProperty().bindBidirectional(viewModel.modelProperty());
        batchSizeBox.getItems().setAll(MainViewModel.BATCH_SIZES);
        batchSizeBox.valueProperty().bindBidirectional(viewModel.batchSizeProperty());
        seedField.textProperty().bindBidirectional(viewModel.seedTextProperty());
        seedProblemLabel.textProperty().bind(viewModel.seedProblemProperty());
        noticeLabel.textProperty().bind(viewModel.noticeProperty());
    }

    private void bindDisplayToggles() {
        testToggle.selectedProperty().bindBidirectional(viewModel.showTestProperty());
        trainToggle.selectedProperty().bindBidirectional(viewModel.showTrainProperty());
        trailsToggle.selectedProperty().bindBidirectional(viewModel.showTrailsProperty());
        legendToggle.selectedProperty().bindBidirectional(viewModel.showLegendProperty());
        followToggle.selectedProperty().bindBidirectional(viewModel.followDataProperty());
        presentationToggle.selectedProperty().bindBidirectional(viewModel.presentationProperty());
        viewModel.presentationProperty().addListener((o, was, on) -> {
            if (on) {
                root.getStyleClass().add("presentation");
            } else {
                root.getStyleClass().remove("presentation");
            }
            if (stage != null) {
                stage.setFullScreen(on);
            }
        });
        anglePane.visibleProperty().bind(viewModel.normalizedHeadProperty());
        anglePane.managedProperty().bind(viewModel.normalizedHeadProperty());
    }

    private void bindStatus() {
        stateLabel.textProperty().bind(Bindings.createStringBinding(() -> switch (viewModel.stateProperty().get()) {
            case LOADING -> "Loading";
            case PAUSED -> "Paused";
            case RUNNING -> "Training";
            case DIVERGED -> "Diverged";
            case NO_DATA -> "No data";
            case FAILED -> "Failed";
            case STOPPED -> "Stopped";
        }, viewModel.stateProperty()));
        deviceLabel.textProperty().bind(viewModel.deviceTextProperty());
        rateLabel.textProperty().bind(viewModel.rateTextProperty());
        progressLabel.textProperty().bind(viewModel.progressTextProperty());
        problemLabel.textProperty().bind(viewModel.problemTextProperty());
        problemBox.visibleProperty().bind(viewModel.problemTextProperty().isNotEmpty());
        problemResetButton.visibleProperty().bind(viewModel.divergedProperty());
        problemResetButton.managedProperty().bind(viewModel.divergedProperty());
        restartButton.visibleProperty().bind(viewModel.restartOfferedProperty());
        restartButton.managedProperty().bind(viewModel.restartOfferedProperty());
        chooseDataButton.visibleProperty().bind(viewModel.dataProblemProperty());
        chooseDataButton.managedProperty().bind(viewModel.dataProblemProperty());
        loadingLabel.textProperty().bind(viewModel.statusTextProperty());
        loadingLabel.visibleProperty().bind(viewModel.stateProperty().isEqualTo(State.LOADING));
    }

    private void bindCharts() {
        XYChart.Series<Number, Number> softmax = new XYChart.Series<>("L_S (softmax)", viewModel.softmaxLossPoints());
        XYChart.Series<Number, Number> center = new XYChart.Series<>("λ·L_C (center)",
                viewModel.weightedCenterLossPoints());
        lossChart.getData().setAll(java.util.List.of(softmax, center));
        XYChart.Series<Number, Number> accuracy = new XYChart.Series<>("probe accuracy", viewModel.accuracyPoints());
        accuracyChart.getData().setAll(java.util.List.of(accuracy));
    }

    private void bindPlane() {
        planePane.addEventHandler(ScrollEvent.SCROLL, e -> {
            viewModel.zoom(Math.exp(e.getDeltaY() * 0.0025), e.getX(), e.getY(), planePane.getWidth(),
                    planePane.getHeight());
            e.consume();
        });
        planePane.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragY = e.getY();
            dragged = false;
        });
        planePane.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            viewModel.pan(e.getX() - dragX, e.getY() - dragY, planePane.getWidth(), planePane.getHeight());
            dragged = dragged || Math.hypot(e.getX() - dragX, e.getY() - dragY) > 2;
            dragX = e.getX();
            dragY = e.getY();
        });
        planePane.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (!dragged) {
                selectCenterNear(e.getX(), e.getY());
            }
        });
    }

    private void bindInspector() {
        StepThroughViewModel step = viewModel.stepThrough();
        stepTitle.textProperty().bind(step.titleProperty());
        phaseLabel.textProperty().bind(step.phaseTextProperty());
        ruleLabel.textProperty().bind(step.ruleTextProperty());
        lossesLabel.textProperty().bind(step.lossesTextProperty());
        detailLabel.textProperty().bind(step.detailProperty());
        allArrowsCheck.selectedProperty().bindBidirectional(step.allArrowsProperty());
        var nothingShown = step.shownProperty().isNull();
        for (Button b : java.util.List.of(previousPhaseButton, nextPhaseButton, earlierStepButton, laterStepButton)) {
            b.disableProperty().bind(nothingShown.or(viewModel.runningProperty()));
        }
        // The arithmetic needs room: the side panel widens while it shows the center update.
        sideTabs.prefWidthProperty().bind(Bindings.when(sideTabs.getSelectionModel().selectedItemProperty()
                .isEqualTo(inspectorTab)).then(560.0).otherwise(340.0));
        step.activeProperty().addListener((o, was, active) -> {
            if (active) {
                sideTabs.getSelectionModel().select(inspectorTab);
            }
        });
        updateTable.setItems(step.rows());
        updateTable.getColumns().setAll(java.util.List.of(
                column("digit", r -> Integer.toString(r.digit())),
                column("n", r -> Integer.toString(r.count())),
                column("old c", r -> CenterUpdateRow.pair(r.oldX(), r.oldY())),
                column("mean x̄", r -> r.count() == 0 ? "–" : CenterUpdateRow.pair(r.meanX(), r.meanY())),
                column("Δc", r -> CenterUpdateRow.pair(r.deltaX(), r.deltaY())),
                column("new c", r -> CenterUpdateRow.pair(r.appliedNewX(), r.appliedNewY())),
                column("paper's new c", r -> CenterUpdateRow.pair(r.paperNewX(), r.paperNewY())),
                column("eff. α", r -> CenterUpdateRow.number(r.effectiveAlpha()))));
        updateTable.setRowFactory(table -> {
            javafx.scene.control.TableRow<CenterUpdateRow> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (row.getItem() != null) {
                    viewModel.selectClass(row.getItem().digit());
                }
            });
            return row;
        });
        viewModel.selectedClassProperty().addListener((o, was, digit) -> {
            if (digit >= 0 && digit < updateTable.getItems().size()) {
                updateTable.getSelectionModel().select(digit);
            } else {
                updateTable.getSelectionModel().clearSelection();
            }
        });
    }

    private void bindExport() {
        ExportViewModel export = viewModel.export();
        exportSizeBox.getItems().setAll(ExportViewModel.SIZES);
        exportSizeBox.valueProperty().bindBidirectional(export.sizeProperty());
        exportLegendCheck.selectedProperty().bindBidirectional(export.legendProperty());
        exportOverlayCheck.selectedProperty().bindBidirectional(export.overlayProperty());
        recordingFolderField.textProperty().bindBidirectional(export.recordingFolderProperty());
        recordingFolderField.disableProperty().bind(export.recordingProperty());
        everyBox.getItems().setAll(ExportViewModel.EVERY);
        everyBox.valueProperty().bindBidirectional(export.everyProperty());
        everyBox.disableProperty().bind(export.recordingProperty());
        recordButton.textProperty().bind(Bindings.when(export.recordingProperty()).then("Stop recording")
                .otherwise("Start recording"));
        var recordingText = Bindings.createStringBinding(() -> export.recordingProperty().get()
                ? String.format("● REC  %d frames%s", export.framesWrittenProperty().get(),
                        export.framesBehindProperty().get() > 2
                                ? String.format("  (writer behind by %d; none dropped)", export.framesBehindProperty().get())
                                : "")
                : "", export.recordingProperty(), export.framesWrittenProperty(), export.framesBehindProperty());
        recordingLabel.textProperty().bind(recordingText);
        recordingIndicator.textProperty().bind(recordingText);
        gifDelayBox.getItems().setAll(40, 60, 80, 100, 150, 200, 500);
        gifDelayBox.valueProperty().bindBidirectional(export.gifDelayProperty());
        for (Button b : java.util.List.of(gifButton, csvButton, jsonlButton)) {
            b.disableProperty().bind(export.busyProperty());
        }
        exportProgress.progressProperty().bind(export.progressProperty());
        exportProgress.visibleProperty().bind(export.busyProperty());
        cancelExportButton.visibleProperty().bind(export.busyProperty());
        exportStatus.textProperty().bind(export.messageProperty());
    }

    @FXML
    private void onSaveSnapshot() {
        java.nio.file.Path target = chooseFile("Save the plane", "feature-plane.png", "PNG image", "*.png");
        if (target != null) {
            viewModel.export().saveSnapshot(target, viewModel.planeScene(System.nanoTime(), planePane.getWidth(),
                    planePane.getHeight()), planePane.getHeight());
        }
    }

    @FXML
    private void onChooseRecordingFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder for the recorded frames");
        File folder = chooser.showDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (folder != null) {
            viewModel.export().recordingFolderProperty().set(folder.getPath());
        }
    }

    @FXML
    private void onRecord() {
        if (viewModel.export().recordingProperty().get()) {
            viewModel.export().stopRecording();
        } else {
            viewModel.export().startRecording();
        }
    }

    @FXML
    private void onMakeGif() {
        java.nio.file.Path target = chooseFile("Save the GIF", "training.gif", "GIF animation", "*.gif");
        if (target != null) {
            viewModel.export().makeGif(target);
        }
    }

    @FXML
    private void onExportCsv() {
        java.nio.file.Path target = chooseFile("Save the table", "run.csv", "CSV table", "*.csv");
        if (target != null) {
            viewModel.export().exportCsv(target);
        }
    }

    @FXML
    private void onExportJsonLines() {
        java.nio.file.Path target = chooseFile("Save every step", "run.jsonl", "JSON Lines", "*.jsonl");
        if (target != null) {
            viewModel.export().exportJsonLines(target);
        }
    }

    @FXML
    private void onCancelExport() {
        viewModel.export().cancel();
    }

    private static javafx.scene.control.TableColumn<CenterUpdateRow, String> column(String title,
            Function<CenterUpdateRow, String> text) {
        javafx.scene.control.TableColumn<CenterUpdateRow, String> column = new javafx.scene.control.TableColumn<>(title);
        column.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setSortable(false);
        return column;
    }

    private void selectCenterNear(double x, double y) {
        var snapshot = viewModel.latestProperty().get();
        if (snapshot == null) {
            return;
        }
        ViewWindow view = viewModel.currentView(planePane.getWidth(), planePane.getHeight());
        Vec2List centers = snapshot.centersAfter();
        int nearest = -1;
        double best = 24;
        for (int j = 0; j < centers.size(); j++) {
            double d = Math.hypot(view.toScreenX(centers.x(j), planePane.getWidth()) - x,
                    view.toScreenY(centers.y(j), planePane.getHeight()) - y);
            if (d < best) {
                best = d;
                nearest = j;
            }
        }
        viewModel.selectClass(nearest);
    }

    private void draw(long now) {
        PlaneStyle style = viewModel.presentationProperty().get() ? PlaneStyle.presentation() : PlaneStyle.normal();
        double width = planePane.getWidth();
        double height = planePane.getHeight();
        if (width > 0 && height > 0) {
            planeRenderer.render(planePane.canvas().getGraphicsContext2D(), width, height,
                    viewModel.planeScene(now, width, height), style);
        }
        if (anglePane.isVisible() && anglePane.getWidth() > 0) {
            viewModel.angleScene().ifPresent(scene -> angleRenderer.render(anglePane.canvas().getGraphicsContext2D(),
                    anglePane.getWidth(), anglePane.getHeight(), scene, style));
        }
    }

    private void onKey(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl) {
            return;
        }
        KeyCode code = e.getCode();
        double w = planePane.getWidth();
        double h = planePane.getHeight();
        switch (code) {
            case SPACE -> viewModel.togglePlay();
            case RIGHT, PAGE_DOWN -> viewModel.advance();
            case LEFT, PAGE_UP -> viewModel.goBack();
            case R -> viewModel.reset();
            case F -> {
                if (stage != null) {
                    stage.setFullScreen(!stage.isFullScreen());
                }
            }
            case PLUS, EQUALS, ADD -> viewModel.zoom(KEY_ZOOM, w / 2, h / 2, w, h);
            case MINUS, SUBTRACT -> viewModel.zoom(1 / KEY_ZOOM, w / 2, h / 2, w, h);
            default -> {
                if (code.isDigitKey()) {
                    viewModel.selectClass(Integer.parseInt(code.getChar().replaceAll("\\D", "")));
                } else {
                    return;
                }
            }
        }
        e.consume();
    }

    @FXML
    private void onPlay() {
        viewModel.togglePlay();
    }

    @FXML
    private void onStep() {
        viewModel.step();
    }

    @FXML
    private void onReset() {
        viewModel.reset();
    }

    @FXML
    private void onRestart() {
        viewModel.restartTrainer();
    }

    @FXML
    private void onNewSeed() {
        viewModel.newSeed();
    }

    @FXML
    private void onChooseData() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder with the four MNIST files");
        Scene scene = root.getScene();
        File folder = chooser.showDialog(scene == null ? null : scene.getWindow());
        if (folder != null) {
            viewModel.useDataFolder(folder.toPath());
        }
    }

    @FXML
    private void onNextPhase() {
        viewModel.stepThrough().nextPhase();
    }

    @FXML
    private void onPreviousPhase() {
        viewModel.stepThrough().previousPhase();
    }

    @FXML
    private void onEarlierStep() {
        viewModel.stepThrough().earlierStep();
    }

    @FXML
    private void onLaterStep() {
        viewModel.stepThrough().laterStep();
    }

    /** The plane and the inspector side by side, as one PNG. */
    @FXML
    private void onExportStepView() {
        java.nio.file.Path target = chooseFile("Export the step view", "center-update.png", "PNG image", "*.png");
        if (target == null) {
            return;
        }
        javafx.scene.image.WritableImage plane = planeArea.snapshot(null, null);
        javafx.scene.image.WritableImage panel = inspector.snapshot(null, null);
        int width = (int) (plane.getWidth() + panel.getWidth());
        int height = (int) Math.max(plane.getHeight(), panel.getHeight());
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(0x1f2328));
        g.fillRect(0, 0, width, height);
        g.drawImage(javafx.embed.swing.SwingFXUtils.fromFXImage(plane, null), 0, 0, null);
        g.drawImage(javafx.embed.swing.SwingFXUtils.fromFXImage(panel, null), (int) plane.getWidth(), 0, null);
        g.dispose();
        try {
            lab.centerloss.export.ImageFiles.writePng(image, target);
            exportMessage.setText("Wrote " + target + ".");
        } catch (java.io.IOException e) {
            exportMessage.setText(lab.centerloss.export.TextFiles.describeFailure(target, e));
        }
    }

    @FXML
    private void onExportTable() {
        java.nio.file.Path target = chooseFile("Export the table", "center-update.csv", "CSV table", "*.csv");
        if (target == null) {
            return;
        }
        try {
            lab.centerloss.export.TextFiles.write(target, viewModel.stepThrough().tableCsv());
            exportMessage.setText("Wrote " + target + ".");
        } catch (java.io.IOException e) {
            exportMessage.setText(lab.centerloss.export.TextFiles.describeFailure(target, e));
        }
    }

    private java.nio.file.Path chooseFile(String title, String name, String kind, String pattern) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter(kind, pattern));
        File start = new File(viewModel.exportFolderProperty().get());
        if (start.isDirectory()) {
            chooser.setInitialDirectory(start);
        }
        File file = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file == null) {
            return null;
        }
        if (file.getParentFile() != null) {
            viewModel.exportFolderProperty().set(file.getParentFile().getPath());
        }
        return file.toPath();
    }

    /** The longest gap between two frames so far, for the responsiveness check. */
    public FrameClock frameClock() {
        return frameClock;
    }

    private static <T> StringConverter<T> converter(Function<T, String> toText) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : toText.apply(value);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("choices are picked, not typed");
            }
        };
    }
}
