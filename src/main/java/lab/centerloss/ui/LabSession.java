package lab.centerloss.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.value.ObservableBooleanValue;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.lesson.LessonRecordings;
import lab.centerloss.plot.StudentPage;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.Trainer;
import lab.centerloss.ui.charts.ChartsView;
import lab.centerloss.ui.charts.ChartsViewModel;
import lab.centerloss.ui.common.BackgroundFiles;
import lab.centerloss.ui.common.FileDialogs;
import lab.centerloss.ui.compare.CompareView;
import lab.centerloss.ui.compare.CompareViewModel;
import lab.centerloss.ui.controls.ControlsView;
import lab.centerloss.ui.controls.ControlsViewModel;
import lab.centerloss.ui.export.ExportView;
import lab.centerloss.ui.export.ExportViewModel;
import lab.centerloss.ui.lesson.LessonView;
import lab.centerloss.ui.lesson.LessonViewModel;
import lab.centerloss.ui.lesson.RecordedSteps;
import lab.centerloss.ui.margin.MarginView;
import lab.centerloss.ui.margin.MarginViewModel;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.Setups;
import lab.centerloss.ui.model.ViewOptions;
import lab.centerloss.ui.openset.DrawingPadView;
import lab.centerloss.ui.openset.DrawingPadViewModel;
import lab.centerloss.ui.openset.OpenSetView;
import lab.centerloss.ui.openset.OpenSetViewModel;
import lab.centerloss.ui.openset.VerificationView;
import lab.centerloss.ui.openset.VerificationViewModel;
import lab.centerloss.ui.plane.PlaneViewModel;
import lab.centerloss.ui.problem.ProblemView;
import lab.centerloss.ui.problem.ProblemViewModel;
import lab.centerloss.ui.status.StatusView;
import lab.centerloss.ui.status.StatusViewModel;
import lab.centerloss.ui.stepthrough.StepThroughView;
import lab.centerloss.ui.stepthrough.StepThroughViewModel;
import lab.centerloss.ui.timeline.TimelineView;
import lab.centerloss.ui.timeline.TimelineViewModel;
import lab.centerloss.ui.toolbar.ToolbarView;
import lab.centerloss.ui.toolbar.ToolbarViewModel;

/**
 * One window's state: the run model (history, live training, view options) and the view model of
 * every panel, each given what it shares through its constructor. The views are made per load of
 * the FXML, so the window can be built again (another language) around the same state.
 */
public final class LabSession {
  private final RunHistory history = new RunHistory();
  private final ViewOptions options = new ViewOptions();
  private final LiveTraining training;
  private final BackgroundFiles files = new BackgroundFiles();
  private final FileDialogs dialogs = new FileDialogs();
  private final PlaneViewModel plane;
  private final ToolbarViewModel toolbar;
  private final ControlsViewModel controls;
  private final StepThroughViewModel stepThrough;
  private final ExportViewModel export;
  private final ChartsViewModel charts;
  private final StatusViewModel status;
  private final ProblemViewModel problem;
  private final MarginViewModel margin;
  private final TimelineViewModel timeline;
  private final OpenSetViewModel openSet;
  private final VerificationViewModel verification;
  private final DrawingPadViewModel drawingPad;
  private final CompareViewModel compare;
  private final LessonViewModel lesson;
  private final Setups setups;

  /**
   * A session whose comparison trains on the CPU or GPU as the device choice says, reading the
   * folder.
   */
  public LabSession(
      LiveTraining.TrainerFactory trainerFactory, Path dataFolder, Hyperparameters initial) {
    this(
        trainerFactory,
        folder ->
            Trainer.forComparison(() -> MnistDataSet.load(folder), Trainer.Settings.defaults())
                .launch(),
        dataFolder,
        initial);
  }

  public LabSession(
      LiveTraining.TrainerFactory trainerFactory,
      CompareViewModel.TrainerFactory comparisonFactory,
      Path dataFolder,
      Hyperparameters initial) {
    training =
        new LiveTraining(trainerFactory, dataFolder, initial, history, options.languageProperty());
    compare = new CompareViewModel(comparisonFactory, training, history, options);
    plane = new PlaneViewModel(history, options);
    controls = new ControlsViewModel(training);
    setups =
        new Setups(
            training,
            options,
            () -> Optional.ofNullable(compare.presetProperty().get()),
            preset -> openComparison(preset, 0),
            files,
            controls::showNotice);
    lesson =
        new LessonViewModel(
            training,
            history,
            options,
            setups,
            new LessonViewModel.Comparisons() {
              @Override
              public void open(ComparisonPreset preset, long untilStep) {
                openComparison(preset, untilStep);
              }

              @Override
              public void close() {
                options.comparingProperty().set(false);
              }

              @Override
              public void showRecorded(LessonRecordings.ComparisonRecording recording) {
                // the runs first: shown, the comparison then builds no live runs of its own
                compare.showRecorded(recording.part().preset(), recording.runs());
                options.comparingProperty().set(true);
              }

              @Override
              public ObservableBooleanValue trainedTo(long step) {
                return compare
                    .canTrainProperty()
                    .and(compare.runningProperty().not())
                    .and(compare.lastStepProperty().greaterThanOrEqualTo(step));
              }
            });
    lesson.setRecordings(new RecordedSteps(training));
    toolbar = new ToolbarViewModel(training, options, lesson::open, setups);
    stepThrough = new StepThroughViewModel(history, training, options);
    export = new ExportViewModel(history, options.projectorThemeProperty());
    export.setComparison(this::comparisonPanes);
    charts = new ChartsViewModel(history);
    status = new StatusViewModel(training, history);
    problem = new ProblemViewModel(training, history);
    margin = new MarginViewModel(training);
    timeline = new TimelineViewModel(history, training);
    openSet = new OpenSetViewModel(history, training);
    plane.setRegions(openSet::regions);
    drawingPad = new DrawingPadViewModel(history, training, openSet);
    verification = new VerificationViewModel(history);
    plane.setDrawn(drawingPad::planeMark);
    plane.setPointPicking(verification::picking, verification::pick);
    plane.setPair(verification::planePair);
    plane.setUnknownsShown(openSet.showUnknownsProperty()::get);
    plane.setOverlay(stepThrough::scene);
  }

  /**
   * Shows a comparison preset with its runs built afresh from the seed, trained to the step (0: not
   * trained).
   */
  /**
   * The comparison shown, one pane per run with its title, for the web page; empty when none is
   * shown.
   */
  private List<StudentPage.Pane> comparisonPanes() {
    List<StudentPage.Pane> panes = new ArrayList<>();
    if (options.comparingProperty().get()) {
      for (var pane : compare.panes()) {
        if (pane.visibleProperty().get() && pane.history().size() > 0) {
          panes.add(
              new StudentPage.Pane(pane.titleProperty().get(), pane.history().record().copy()));
        }
      }
    }
    return panes;
  }

  private void openComparison(ComparisonPreset preset, long untilStep) {
    compare.presetProperty().set(preset);
    compare.fromShownStepProperty().set(false);
    // a comparison shown before (live or recorded) is not built again on being shown: apply
    boolean planned = compare.plan() != null || compare.showsRecorded();
    options.comparingProperty().set(true); // the first time, this builds the preset's runs
    if (planned) {
      compare.apply();
    }
    if (untilStep > 0) {
      compare.playUntil(untilStep);
    }
  }

  /** Starts the trainer, which loads libtorch and the data in the background. */
  public void start() {
    training.start();
  }

  /** Stops the trainer and the file workers: the window is closing. */
  public void shutdown() {
    timeline.autosave().saveNow();
    compare.shutdown();
    export.shutdown();
    files.shutdown();
    training.close();
  }

  /**
   * The language changed: every panel makes its texts again (call before the window is built
   * again). What the trainer says, the status bar and the problem shown follow the language by
   * themselves.
   */
  public void refreshTexts() {
    toolbar.refreshTexts();
    timeline.refreshTexts();
    controls.refreshTexts();
    charts.refreshTexts();
    margin.refreshTexts();
    export.refreshTexts();
    openSet.refreshTexts();
    drawingPad.refreshTexts();
    verification.refreshTexts();
    stepThrough.refreshTexts();
    compare.refreshTexts();
    lesson.refreshTexts();
  }

  /** The views of one load of the window's FXML, made for the FXML loader by controller class. */
  Map<Class<?>, Object> newViews(MainWindow shell) {
    return Map.ofEntries(
        Map.entry(MainWindow.class, shell),
        Map.entry(ToolbarView.class, new ToolbarView(toolbar, dialogs)),
        Map.entry(LessonView.class, new LessonView(lesson)),
        Map.entry(ControlsView.class, new ControlsView(controls)),
        Map.entry(StepThroughView.class, new StepThroughView(stepThrough, files, dialogs)),
        Map.entry(ExportView.class, new ExportView(export, dialogs)),
        Map.entry(ChartsView.class, new ChartsView(charts)),
        Map.entry(StatusView.class, new StatusView(status)),
        Map.entry(ProblemView.class, new ProblemView(problem)),
        Map.entry(MarginView.class, new MarginView(margin, options)),
        Map.entry(TimelineView.class, new TimelineView(timeline, dialogs)),
        Map.entry(OpenSetView.class, new OpenSetView(openSet, options)),
        Map.entry(DrawingPadView.class, new DrawingPadView(drawingPad)),
        Map.entry(VerificationView.class, new VerificationView(verification, options)),
        Map.entry(CompareView.class, new CompareView(compare, options)));
  }

  public RunHistory history() {
    return history;
  }

  public ViewOptions options() {
    return options;
  }

  public LiveTraining training() {
    return training;
  }

  public PlaneViewModel plane() {
    return plane;
  }

  public ToolbarViewModel toolbar() {
    return toolbar;
  }

  public ControlsViewModel controls() {
    return controls;
  }

  public StepThroughViewModel stepThrough() {
    return stepThrough;
  }

  public ExportViewModel export() {
    return export;
  }

  public ChartsViewModel charts() {
    return charts;
  }

  public StatusViewModel status() {
    return status;
  }

  public FileDialogs dialogs() {
    return dialogs;
  }

  public TimelineViewModel timeline() {
    return timeline;
  }

  public OpenSetViewModel openSet() {
    return openSet;
  }

  public DrawingPadViewModel drawingPad() {
    return drawingPad;
  }

  public VerificationViewModel verification() {
    return verification;
  }

  public CompareViewModel compare() {
    return compare;
  }

  public LessonViewModel lesson() {
    return lesson;
  }

  public Setups setups() {
    return setups;
  }
}
