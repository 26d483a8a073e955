package lab.centerloss.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.fxml.FXML;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.stage.Stage;
import lab.centerloss.plot.AngleRenderer;
import lab.centerloss.plot.Fonts;
import lab.centerloss.plot.PlaneStyle;
import lab.centerloss.ui.common.FrameClock;
import lab.centerloss.ui.export.ExportView;
import lab.centerloss.ui.plane.CanvasControl;
import lab.centerloss.ui.plane.FeaturePlane;
import lab.centerloss.ui.status.StatusView;
import lab.centerloss.ui.stepthrough.StepThroughView;
import lab.centerloss.ui.timeline.TimelineView;

/**
 * The shell of the window ({@code fxml/main.fxml}): holds the panels, which meet only through the
 * run model, and does what belongs to no panel: the frame clock that takes the trainer's steps in,
 * the keys (handed to {@link WindowKeys}), full screen and presentation, and the few wires between
 * panels (which picture an export takes, which tab the step-through opens).
 */
public final class MainWindow {
  private static final double SIDE_WIDTH = 420;
  private static final double STEP_SIDE_WIDTH = 560;

  private final LabSession session;
  private final Stage stage;
  private final FrameClock frameClock = new FrameClock();
  private final AngleRenderer angleRenderer = new AngleRenderer();
  private Map<Class<?>, Object> views = Map.of();
  private AnimationTimer timer;
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "autosave");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
          });

  @FXML private BorderPane root;
  @FXML private StackPane planeArea;
  @FXML private FeaturePlane mainPlane;
  @FXML private CanvasControl angleView;
  @FXML private TabPane sideTabs;
  @FXML private Tab controlsTab;
  @FXML private Tab stepTab;
  @FXML private Tab marginTab;
  @FXML private Tab openSetTab;
  @FXML private Tab exportTab;
  private EventHandler<KeyEvent> keys;
  private final List<Runnable> detachments = new ArrayList<>();

  /** The control a lesson highlights now, or null. */
  private Node highlighted;

  @FXML private Node toolbar;
  @FXML private Node singleRun;
  @FXML private Node comparison;
  @FXML private Node bottomPanels;
  @FXML private Node charts;

  MainWindow(LabSession session, Stage stage) {
    this.session = session;
    this.stage = stage;
  }

  void setViews(Map<Class<?>, Object> loaded) {
    views = loaded;
  }

  @FXML
  private void initialize() {
    mainPlane.setViewModel(session.plane());
    keys =
        new WindowKeys(
            session,
            stage,
            mainPlane,
            new WindowKeys.Screen() {
              @Override
              public boolean blanked() {
                return MainWindow.this.blanked();
              }

              @Override
              public void blank(boolean on) {
                MainWindow.this.blank(on);
              }
            });
    angleView.setPainter(
        (gc, width, height, now) -> {
          var scene = session.plane().angleScene();
          if (scene.isPresent()) {
            angleRenderer.render(gc, width, height, scene.get(), style());
            return;
          }
          // before the first step there are no angles yet: say so rather than show an empty box
          PlaneStyle empty = style();
          gc.setFill(empty.background());
          gc.fillRect(0, 0, width, height);
          gc.setFill(empty.tickLabel());
          Font font = Font.font(Fonts.family(), empty.fontSize() * 1.1);
          gc.setFont(font);
          gc.setTextAlign(TextAlignment.CENTER);
          gc.setTextBaseline(VPos.CENTER);
          // (or, for a feature of more than two dimensions, that they exist only in 2-D): wrapped,
          // as a sentence squeezed to the view's width cannot be read
          List<String> lines = wrapped(session.plane().angleAbsence().render(), font, width - 20);
          double lineHeight = empty.fontSize() * 1.5;
          double top = height / 2 - lineHeight * (lines.size() - 1) / 2;
          for (int i = 0; i < lines.size(); i++) {
            gc.fillText(lines.get(i), width / 2, top + i * lineHeight, width - 20);
          }
        });
    // the head of the step shown (a run opened from a file, or a past step), else the one on the
    // sliders
    var normalized =
        Bindings.createBooleanBinding(
            () -> {
              var shown = session.history().shownProperty().getValue();
              var hp =
                  shown != null
                      ? shown.hyperparameters()
                      : session.training().hyperparametersProperty().get();
              return hp.head().isNormalized();
            },
            session.history().shownProperty(),
            session.training().hyperparametersProperty());
    angleView.visibleProperty().bind(normalized);
    angleView.managedProperty().bind(normalized);
    Tooltip wedges = new Tooltip();
    wedges.setWrapText(true);
    wedges.setMaxWidth(460);
    wedges.setOnShowing(e -> wedges.setText(session.plane().wedgeTip().render()));
    Tooltip.install(angleView, wedges);
    if (session.options().presentationProperty().get()) {
      presentation(true); // a window built again (another language) keeps presenting
    }
    listen(session.options().presentationProperty(), (o, was, on) -> presentation(on));
    chartsMakeWay();
    listen(session.lesson().activeProperty(), (o, was, on) -> chartsMakeWay());
    theme(session.options().projectorThemeProperty().get());
    listen(session.options().projectorThemeProperty(), (o, was, on) -> theme(on));
    // The comparison takes the window: its own transport, planes and timeline replace the one
    // run's.
    var comparing = session.options().comparingProperty();
    for (Node single : List.of(toolbar, singleRun, sideTabs, bottomPanels)) {
      single.visibleProperty().bind(comparing.not());
      single.managedProperty().bind(comparing.not());
    }
    comparison.visibleProperty().bind(comparing);
    comparison.managedProperty().bind(comparing);
    sideTabs
        .prefWidthProperty()
        .bind(
            Bindings.when(sideTabs.getSelectionModel().selectedItemProperty().isEqualTo(stepTab))
                .then(STEP_SIDE_WIDTH)
                .otherwise(SIDE_WIDTH));
    // JavaFX lays out hidden panels too: these two wait while their tab is not the one shown
    var selectedTab = sideTabs.getSelectionModel().selectedItemProperty();
    session
        .stepThrough()
        .panelShownProperty()
        .bind(selectedTab.isEqualTo(stepTab).and(comparing.not()));
    session
        .openSet()
        .panelShownProperty()
        .bind(selectedTab.isEqualTo(openSetTab).and(comparing.not()));
    session
        .verification()
        .panelShownProperty()
        .bind(selectedTab.isEqualTo(openSetTab).and(comparing.not()));
    listen(
        session.stepThrough().activeProperty(),
        (o, was, active) -> {
          if (active) {
            sideTabs.getSelectionModel().select(stepTab);
          }
        });
    listen(session.options().shownTabProperty(), (o, was, id) -> showTab(id));
    listen(session.options().highlightedControlProperty(), (o, was, id) -> highlight(id));
    // a window built again (another language) takes the scene over: this one's keys leave with it
    root.sceneProperty()
        .addListener(
            (o, was, scene) -> {
              if (was != null) {
                was.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
              }
              if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, keys);
              }
            });
    timer =
        new AnimationTimer() {
          @Override
          public void handle(long now) {
            onFrame(now);
          }
        };
    timer.start();
  }

  /** Wires panels to each other through the shell, after every view of this load exists. */
  /** Opens a run file as the window starts ({@code --open}). */
  void open(Path file) {
    view(TimelineView.class).open(file);
  }

  void connectPanels() {
    highlight(
        session
            .options()
            .highlightedControlProperty()
            .get()); // a rebuilt window (language) keeps it
    view(ExportView.class)
        .setPlane(
            () ->
                session
                    .plane()
                    .sceneAt(System.nanoTime(), mainPlane.getWidth(), mainPlane.getHeight()),
            mainPlane::getHeight);
    view(StepThroughView.class).setPlaneSnapshot(() -> planeArea.snapshot(null, null));
    view(StatusView.class)
        .recordingIndicatorTextProperty()
        .bind(view(ExportView.class).recordingText());
  }

  private <T> T view(Class<T> type) {
    return type.cast(views.get(type));
  }

  /**
   * Once a frame: take the trainer's new steps in, then let every panel that counts time see them.
   */
  private void onFrame(long now) {
    frameClock.tick(now);
    session.history().pull();
    session.status().onFrame(now);
    session.charts().onFrame(now);
    session.export().onFrame();
    session.timeline().onFrame(now);
    session.timeline().autosave().saveIfDue(now, background::submit);
    session.compare().onFrame();
  }

  /**
   * A sentence cut into lines no wider than {@code width} in {@code font}, at spaces (between any
   * two characters for Chinese, which has no spaces between words).
   */
  private static List<String> wrapped(String text, Font font, double width) {
    List<String> lines = new ArrayList<>();
    Text measure = new Text();
    measure.setFont(font);
    boolean spaced = text.codePoints().noneMatch(c -> c >= 0x2E80); // Chinese: any character
    String[] parts = spaced ? text.split(" ") : text.split("");
    StringBuilder line = new StringBuilder();
    for (String part : parts) {
      String tried = line.length() == 0 ? part : line + (spaced ? " " : "") + part;
      measure.setText(tried);
      if (line.length() > 0 && measure.getLayoutBounds().getWidth() > width) {
        lines.add(line.toString());
        line = new StringBuilder(part);
      } else {
        line = new StringBuilder(tried);
      }
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private PlaneStyle style() {
    return session.options().planeStyle();
  }

  /** The projector theme: the window's colors (lab.css) and the plane's, at once. */
  private void theme(boolean light) {
    root.getStyleClass().remove("theme-light");
    if (light) {
      root.getStyleClass().add("theme-light");
    }
    mainPlane.setLight(light);
  }

  /**
   * The charts make way for the plane while presenting and while a lesson runs: on a projector's
   * 768 rows the lesson panel and the charts together left the plane about 240 pixels.
   */
  private void chartsMakeWay() {
    boolean away =
        session.options().presentationProperty().get() || session.lesson().activeProperty().get();
    charts.setVisible(!away);
    charts.setManaged(!away);
  }

  private void presentation(boolean on) {
    chartsMakeWay();
    if (on) {
      root.getStyleClass().add("presentation");
    } else {
      root.getStyleClass().remove("presentation");
    }
    mainPlane.setPresentation(on);
    if (stage != null) {
      stage.setFullScreen(on);
    }
  }

  private boolean blanked() {
    return !root.isVisible();
  }

  /**
   * A black screen (the scene's fill shows where the window's content was), or the window again.
   */
  private void blank(boolean on) {
    root.getScene().setFill(Color.BLACK);
    root.setVisible(!on);
  }

  /** A lesson asked for a tab of the side bar. */
  private void showTab(String id) {
    Tab tab =
        switch (id) {
          case "controls" -> controlsTab;
          case "center-update" -> stepTab;
          case "margins" -> marginTab;
          case "open-set" -> openSetTab;
          case "export" -> exportTab;
          default -> null;
        };
    if (tab != null) {
      sideTabs.getSelectionModel().select(tab);
    }
  }

  /** A lesson draws the class's eye to a control: its tab is shown and the control glows. */
  private void highlight(String id) {
    if (highlighted != null) {
      highlighted.getStyleClass().remove("lesson-highlight");
      highlighted = null;
    }
    if (id == null || id.isEmpty()) {
      return;
    }
    for (Tab tab : sideTabs.getTabs()) {
      if (tab.getContent() != null && tab.getContent().lookup("#" + id) != null) {
        sideTabs.getSelectionModel().select(tab);
        highlighted = tab.getContent().lookup("#" + id);
      }
    }
    if (highlighted == null) {
      highlighted = root.lookup("#" + id);
    }
    if (highlighted != null) {
      highlighted.getStyleClass().add("lesson-highlight");
    }
  }

  /** The longest gap between two frames so far, for the responsiveness check. */
  public FrameClock frameClock() {
    return frameClock;
  }

  /**
   * Listens to the session's state for as long as this window is shown; {@link #stopTimer()} lets
   * go.
   */
  private <T> void listen(ObservableValue<T> value, ChangeListener<? super T> listener) {
    value.addListener(listener);
    detachments.add(() -> value.removeListener(listener));
  }

  /** This window is closing or replaced: its timer stops and it stops listening to the session. */
  void stopTimer() {
    detachments.forEach(Runnable::run);
    detachments.clear();
    if (timer != null) {
      timer.stop();
    }
    background.shutdown();
  }
}
