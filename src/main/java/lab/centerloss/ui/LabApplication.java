package lab.centerloss.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import lab.centerloss.data.DataLocation;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.plot.Fonts;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.plot.PlaneRenderer;
import lab.centerloss.store.RunFile;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Comparison;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.Trainer;
import lab.centerloss.ui.charts.ChartWarmUp;

/** The window. libtorch loads on the trainer's thread, so the window is up before it is ready. */
public final class LabApplication extends Application {
  private LabSession session;
  private Stage stage;
  private DeviceChoice device = DeviceChoice.AUTO;

  /** The language chosen (--lang, the menu, or the settings); empty: the system's. */
  private Optional<Language> chosenLanguage = Optional.empty();

  private final Path settingsFile = UserSettings.defaultFile();

  /** Opens the window and blocks until it closes. */
  public static void launchWindow(
      Path dataFolder,
      Path unknownData,
      DeviceChoice device,
      Path runFile,
      Language language,
      String lesson,
      Path scenario) {
    HeadlessFx.quietClassPathWarning();
    Application.launch(
        LabApplication.class,
        "--data=" + (dataFolder == null ? "" : dataFolder.toString()),
        "--unknown-data=" + (unknownData == null ? "" : unknownData.toString()),
        "--device=" + (device == null ? "" : device.name()),
        "--open=" + (runFile == null ? "" : runFile.toString()),
        "--lang=" + (language == null ? "" : language.tag()),
        "--lesson=" + (lesson == null ? "" : lesson),
        "--scenario=" + (scenario == null ? "" : scenario.toString()));
  }

  /** On Linux a window needs an X or Wayland display; elsewhere there always is one. */
  public static boolean displayAvailable() {
    boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    return !linux
        || System.getenv("DISPLAY") != null
        || System.getenv("WAYLAND_DISPLAY") != null
        || "Monocle".equals(System.getProperty("glass.platform"));
  }

  @Override
  public void start(Stage stage) throws IOException {
    String data = getParameters().getNamed().getOrDefault("data", "");
    Path folder = data.isEmpty() ? DataLocation.defaultMnistFolder() : Path.of(data);
    String unknownFolder = getParameters().getNamed().getOrDefault("unknown-data", "");
    Path unknowns = unknownFolder.isEmpty() ? null : Path.of(unknownFolder);
    UserSettings.Loaded saved = UserSettings.load(settingsFile);
    String askedDevice = getParameters().getNamed().getOrDefault("device", "");
    DeviceChoice device =
        askedDevice.isEmpty() ? saved.settings().device() : DeviceChoice.valueOf(askedDevice);
    String askedLanguage = getParameters().getNamed().getOrDefault("lang", "");
    chosenLanguage =
        askedLanguage.isEmpty()
            ? saved.settings().language()
            : Optional.of(Language.byTag(askedLanguage));
    Messages.use(chosenLanguage.orElse(Messages.language()));
    session =
        new LabSession(
            (f, hp) -> startTrainer(f, unknowns, hp, device, windowThreads(0)),
            f -> comparisonTrainer(f, unknowns, device),
            folder,
            saved.settings().hyperparameters());
    saved.notice().ifPresent(session.controls()::showNotice);
    session.options().projectorThemeProperty().set(saved.settings().projectorTheme());
    session.dialogs().lastFolderProperty().set(saved.settings().exportFolder());
    this.stage = stage;
    this.device = device;
    session
        .timeline()
        .autosave()
        .keepIn(UserSettings.dataFolder().resolve("last-run" + RunFile.EXTENSION));
    // no larger than the screen: a window saved on a big monitor opens whole on a 1024x768
    // projector
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    LoadedWindow window =
        showIn(
            session,
            stage,
            Math.min(saved.settings().windowWidth(), screen.getWidth()),
            Math.min(saved.settings().windowHeight(), screen.getHeight()));
    session
        .options()
        .languageProperty()
        .addListener((o, was, now) -> chosenLanguage = Optional.of(now));
    stage.show();
    session.start();
    warmUpDrawing();
    String open = getParameters().getNamed().getOrDefault("open", "");
    if (!open.isEmpty()) {
      window.shell().open(Path.of(open));
    }
    String scenario = getParameters().getNamed().getOrDefault("scenario", "");
    if (!scenario.isEmpty()) {
      session.setups().open(Path.of(scenario));
    }
    String lesson = getParameters().getNamed().getOrDefault("lesson", "");
    if (!lesson.isEmpty()) {
      session.lesson().open(lesson);
    }
  }

  /**
   * Compiles the marker blending and the charts' code while libtorch loads, so that the first
   * frames after Play do not stall. Call on the JavaFX thread.
   */
  static void warmUpDrawing() {
    Thread warmUp = new Thread(PlaneRenderer::warmUp, "drawing-warm-up");
    warmUp.setDaemon(true);
    warmUp.setPriority(Thread.MIN_PRIORITY);
    warmUp.start();
    ChartWarmUp.start(LabApplication.class.getResource("lab.css").toExternalForm());
  }

  /**
   * Builds the window on a stage and keeps it in the language chosen: another language rebuilds it
   * at once from its FXML around the same session (training, runs, settings and view go on as they
   * were), after every panel has made its texts again.
   */
  public static LoadedWindow showIn(LabSession session, Stage stage, double width, double height)
      throws IOException {
    LoadedWindow window = load(session, stage);
    Scene scene = new Scene(window.root(), width, height);
    MainWindow[] current = {window.shell()};
    session
        .options()
        .languageProperty()
        .addListener(
            (o, was, now) -> {
              // the language is in force already (ViewOptions puts it in force as it is set)
              session.refreshTexts();
              try {
                LoadedWindow next = load(session, stage);
                current[0].stopTimer();
                current[0] = next.shell();
                scene.setRoot(next.root());
                stage.setTitle(Messages.text("app.title"));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    stage.setTitle(Messages.text("app.title"));
    stage.setScene(scene);
    return window;
  }

  /** The window's node tree and its shell, wired to a session; used by the app and its UI tests. */
  public record LoadedWindow(Parent root, MainWindow shell) {}

  public static LoadedWindow load(LabSession session, Stage stage) throws IOException {
    URL fxml = LabApplication.class.getResource("/fxml/main.fxml");
    MainWindow shell = new MainWindow(session, stage);
    Map<Class<?>, Object> views = session.newViews(shell);
    shell.setViews(views);
    FXMLLoader loader = new FXMLLoader(fxml, Messages.bundle());
    loader.setControllerFactory(
        type -> {
          Object view = views.get(type);
          if (view == null) {
            throw new IllegalStateException("no view for " + type.getName());
          }
          return view;
        });
    Parent root = loader.load();
    shell.connectPanels();
    if (Messages.language().needsBundledFont()) {
      Fonts.load();
    }
    root.getStyleClass().add("lang-" + Messages.language().tag().toLowerCase(Locale.ROOT));
    root.getStylesheets().add(LabApplication.class.getResource("lab.css").toExternalForm());
    return new LoadedWindow(root, shell);
  }

  /**
   * libtorch's CPU threads for training behind the window: one per processor but one, which is left
   * to the JavaFX thread and the renderer. libtorch's OpenMP workers spin while they wait for each
   * other, so a worker that shares its core with the window stalls all of them: on 2 cores,
   * `bench-ui` trained 82 steps in 30 s with 2 threads and 138 to 161 with 1 (a bare step takes 63
   * ms with 2 threads, 96 ms with 1).
   *
   * @param asked threads asked for; 0 for this rule
   */
  public static int windowThreads(int asked) {
    return asked > 0 ? asked : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  }

  /**
   * @param unknowns a second data set whose test images are unknowns (--unknown-data), or null
   * @param threads libtorch's CPU threads; 0 for one per processor
   */
  static Trainer startTrainer(
      Path folder, Path unknowns, Hyperparameters initial, DeviceChoice device, int threads) {
    Trainer.Settings defaults = Trainer.Settings.defaults();
    return new Trainer(
            () -> MnistDataSet.load(folder, unknowns),
            new Trainer.Settings(device, threads, defaults.probeSize()),
            initial)
        .launch();
  }

  static Trainer comparisonTrainer(Path folder, Path unknowns, DeviceChoice device) {
    return Trainer.forComparison(
            () -> MnistDataSet.load(folder, unknowns),
            new Trainer.Settings(
                device, Comparison.threads(0), Trainer.Settings.defaults().probeSize()))
        .launch();
  }

  @Override
  public void stop() {
    if (session != null) {
      session.shutdown();
      UserSettings settings =
          new UserSettings(
              session.training().hyperparametersProperty().get(),
              stage == null || stage.isFullScreen() ? 1440 : stage.getWidth(),
              stage == null || stage.isFullScreen() ? 900 : stage.getHeight(),
              session.dialogs().lastFolderProperty().get(),
              device,
              chosenLanguage,
              session.options().projectorThemeProperty().get());
      try {
        settings.save(settingsFile);
      } catch (IOException e) {
        System.err.println(
            Messages.text("settings.cannotSave", settingsFile.toString(), e.getMessage()));
      }
    }
  }
}
