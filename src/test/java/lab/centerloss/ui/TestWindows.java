package lab.centerloss.ui;

import java.io.IOException;
import javafx.scene.Scene;
import javafx.stage.Stage;
import lab.centerloss.testing.TestData;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.Trainer;

/** The real main window on a test stage, with a real trainer on the bundled data. */
final class TestWindows {
    private TestWindows() {
    }

    /** Shows the window (1280x800, the headless screen's default size) and starts its trainer. */
    static MainViewModel open(Stage stage, Hyperparameters initial, int probeSize) throws IOException {
        MainViewModel viewModel = new MainViewModel((folder, hp) -> new Trainer(TestData::mnist,
                new Trainer.Settings(DeviceChoice.CPU, 0, probeSize), hp).launch(), TestData.bundledFolder(), initial);
        stage.setScene(new Scene(LabApplication.loadMainView(viewModel, stage), 1280, 800));
        stage.show();
        viewModel.start();
        return viewModel;
    }
}
