package lab.centerloss.ui;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import lab.centerloss.data.DataLocation;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.Trainer;

/** The window. libtorch loads on the trainer's thread, so the window is up before it is ready. */
public final class LabApplication extends Application {
    public static final String TITLE = "Center Loss Lab";
    private MainViewModel viewModel;
    private Stage stage;
    private final Path settingsFile = UserSettings.defaultFile();

    /** Opens the window and blocks until it closes. */
    public static void launchWindow(Path dataFolder) {
        HeadlessFx.quietClassPathWarning();
        Application.launch(LabApplication.class, "--data=" + (dataFolder == null ? "" : dataFolder.toString()));
    }

    /** On Linux a window needs an X or Wayland display; elsewhere there always is one. */
    public static boolean displayAvailable() {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        return !linux || System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null
                || "Monocle".equals(System.getProperty("glass.platform"));
    }

    @Override
    public void start(Stage stage) throws IOException {
        String data = getParameters().getNamed().getOrDefault("data", "");
        Path folder = data.isEmpty() ? DataLocation.defaultMnistFolder() : Path.of(data);
        UserSettings.Loaded saved = UserSettings.load(settingsFile);
        viewModel = new MainViewModel(LabApplication::startTrainer, folder, saved.settings().hyperparameters());
        saved.notice().ifPresent(viewModel::showNotice);
        viewModel.exportFolderProperty().set(saved.settings().exportFolder());
        Parent root = loadMainView(viewModel, stage);
        Scene scene = new Scene(root, saved.settings().windowWidth(), saved.settings().windowHeight());
        this.stage = stage;
        stage.setTitle(TITLE);
        stage.setScene(scene);
        stage.show();
        viewModel.start();
        warmUpDrawing();
    }

    /**
     * Compiles the marker blending and the charts' code while libtorch loads, so that the first
     * frames after Play do not stall. Call on the JavaFX thread.
     */
    static void warmUpDrawing() {
        Thread warmUp = new Thread(lab.centerloss.plot.PlaneRenderer::warmUp, "drawing-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
        ChartWarmUp.start(LabApplication.class.getResource("lab.css").toExternalForm());
    }

    /** The main view's node tree, wired to a view model; used by the app and its UI tests. */
    public static Parent loadMainView(MainViewModel viewModel, Stage stage) throws IOException {
        return load(viewModel, stage).root();
    }

    /** The node tree and its controller. */
    record LoadedView(Parent root, MainView view) {
    }

    static LoadedView load(MainViewModel viewModel, Stage stage) throws IOException {
        URL fxml = LabApplication.class.getResource("/fxml/main.fxml");
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(type -> new MainView(viewModel, stage));
        Parent root = loader.load();
        root.getStylesheets().add(LabApplication.class.getResource("lab.css").toExternalForm());
        return new LoadedView(root, loader.getController());
    }

    static Trainer startTrainer(Path folder, Hyperparameters initial) {
        return startTrainer(folder, initial, Trainer.Settings.defaults().threads());
    }

    /** @param threads libtorch's CPU threads; 0 for one per processor */
    static Trainer startTrainer(Path folder, Hyperparameters initial, int threads) {
        Trainer.Settings defaults = Trainer.Settings.defaults();
        return new Trainer(() -> MnistDataSet.load(folder),
                new Trainer.Settings(defaults.device(), threads, defaults.probeSize()), initial).launch();
    }

    @Override
    public void stop() {
        if (viewModel != null) {
            viewModel.shutdown();
            UserSettings settings = new UserSettings(viewModel.hyperparametersProperty().get(),
                    stage == null || stage.isFullScreen() ? 1440 : stage.getWidth(),
                    stage == null || stage.isFullScreen() ? 900 : stage.getHeight(), viewModel.exportFolderProperty().get());
            try {
                settings.save(settingsFile);
            } catch (IOException e) {
                System.err.println("The settings could not be saved to " + settingsFile + ": " + e.getMessage());
            }
        }
    }
}
