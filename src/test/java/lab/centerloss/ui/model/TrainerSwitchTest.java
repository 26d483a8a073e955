package lab.centerloss.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import lab.centerloss.testing.FakeTrainer;
import lab.centerloss.text.Message;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.TrainerStatus;
import lab.centerloss.train.TrainerStatus.State;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Live training on the JavaFX thread while it swaps trainers (another data folder, a restart): what
 * the closed trainer still says must not overwrite what its successor says.
 */
class TrainerSwitchTest {
  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @Test
  @DisplayName(
      "after a switch to a folder with no data, the old trainer's late 'Stopped.' does not hide the message")
  void lateStatusOfTheOldTrainerIsIgnored() throws Exception {
    List<FakeTrainer> created = new ArrayList<>();
    LiveTraining viewModel =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  LiveTraining model =
                      new LiveTraining(
                          (folder, hp) -> {
                            FakeTrainer trainer =
                                new FakeTrainer()
                                    .withStatus(
                                        created.isEmpty()
                                            ? FakeTrainer.ready()
                                            : new TrainerStatus(
                                                State.NO_DATA,
                                                Message.of(
                                                    "trainer.noData",
                                                    "Data folder /nowhere does not exist or is not a folder."),
                                                Optional.empty()));
                            // on close it says "Stopped." from its own thread, as the real one does
                            trainer.onClose(
                                () ->
                                    trainer.publishFromAnotherThread(
                                        new TrainerStatus(
                                            State.STOPPED,
                                            Message.of("trainer.stopped"),
                                            Optional.of(Message.of("device.cpu", 2)))));
                            created.add(trainer);
                            return trainer;
                          },
                          Path.of("datasets/mnist"),
                          Hyperparameters.defaults(),
                          new RunHistory(),
                          new ViewOptions().languageProperty());
                  model.start();
                  model.useDataFolder(Path.of("/nowhere"));
                  return model;
                })
            .get();
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(created).hasSize(2);
    assertThat(onFx(() -> viewModel.stateProperty().get())).isEqualTo(State.NO_DATA);
    assertThat(onFx(() -> viewModel.statusTextProperty().get()))
        .isEqualTo("Data folder /nowhere does not exist or is not a folder.");
  }

  private static <T> T onFx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }
}
