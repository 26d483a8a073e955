package lab.centerloss.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.TrainerStatus.State;
import lab.centerloss.ui.stepthrough.StepThroughViewModel.Phase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The step-through of one center update, in the real window with a real trainer (headless). */
@ExtendWith(ApplicationExtension.class)
class StepThroughTest {
  private LabSession viewModel;

  @Start
  void start(Stage stage) throws Exception {
    // A batch of 4 leaves most digits out, so an absent class is certain.
    viewModel = TestWindows.open(stage, Hyperparameters.defaults().withBatchSize(4), 300);
  }

  @AfterEach
  void close() throws Exception {
    TestWindows.close(viewModel);
  }

  private String text(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(Label.class).getText();
  }

  @Test
  @DisplayName("Step pauses after one batch on phase 1; the phases go forward and back")
  void phases(FxRobot robot) throws Exception {
    waitFor(60, TimeUnit.SECONDS, () -> viewModel.training().stateProperty().get() == State.PAUSED);
    robot.clickOn("#stepButton");
    // read on the JavaFX thread: the step, its phase and the panel's texts are set in one task
    // there
    waitFor(
        30,
        TimeUnit.SECONDS,
        () ->
            TestWindows.onFx(
                () ->
                    viewModel.stepThrough().activeProperty().get()
                        && viewModel.history().shownProperty().getValue() != null));
    assertThat(viewModel.history().shownProperty().getValue().step()).isEqualTo(1);
    assertThat(viewModel.training().stateProperty().get()).isEqualTo(State.PAUSED);
    assertThat(text(robot, "#phaseLabel")).startsWith("Phase 1 of 4");
    assertThat(text(robot, "#stepTitle")).startsWith("Step 1 ");

    robot.clickOn("#nextPhaseButton");
    assertThat(viewModel.stepThrough().phaseProperty().get()).isEqualTo(Phase.PULL);
    assertThat(text(robot, "#phaseLabel")).contains("λ(c − xᵢ)/m");
    robot.type(KeyCode.RIGHT);
    assertThat(viewModel.stepThrough().phaseProperty().get()).isEqualTo(Phase.UPDATE);
    assertThat(text(robot, "#phaseLabel")).contains("α·Δc_j");
    robot.type(KeyCode.RIGHT);
    assertThat(text(robot, "#phaseLabel")).startsWith("Phase 4 of 4");
    robot.type(KeyCode.LEFT);
    assertThat(viewModel.stepThrough().phaseProperty().get()).isEqualTo(Phase.UPDATE);
    robot.clickOn("#previousPhaseButton");
    assertThat(viewModel.stepThrough().phaseProperty().get()).isEqualTo(Phase.PULL);

    // past the last phase, the right arrow trains the next batch and starts on its first phase
    robot.type(KeyCode.RIGHT).type(KeyCode.RIGHT).type(KeyCode.RIGHT);
    waitFor(
        30,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> viewModel.history().shownProperty().getValue().step() == 2));
    assertThat(viewModel.stepThrough().phaseProperty().get()).isEqualTo(Phase.BATCH);
    // and the earlier step is still there to show again
    robot.clickOn("#earlierStepButton");
    assertThat(viewModel.history().shownProperty().getValue().step()).isEqualTo(1);
  }

  @Test
  @DisplayName("choosing a class fills the panel; an absent class shows n_j = 0 and why it stays")
  void choosingAClass(FxRobot robot) throws Exception {
    waitFor(60, TimeUnit.SECONDS, () -> viewModel.training().stateProperty().get() == State.PAUSED);
    robot.clickOn("#stepButton");
    // read on the JavaFX thread: the step, its phase and the panel's texts are set in one task
    // there
    waitFor(
        30,
        TimeUnit.SECONDS,
        () ->
            TestWindows.onFx(
                () ->
                    viewModel.stepThrough().activeProperty().get()
                        && viewModel.history().shownProperty().getValue() != null));
    var snapshot = viewModel.history().shownProperty().getValue();
    int present = snapshot.batch().labels().get(0);
    int absent = -1;
    for (int j = 0; j < 10 && absent < 0; j++) {
      if (snapshot.batch().classCounts().get(j) == 0) {
        absent = j;
      }
    }
    robot.type(KeyCode.valueOf("DIGIT" + present));
    String detail = text(robot, "#detailLabel");
    assertThat(detail)
        .contains(
            "n_" + present + " = " + snapshot.batch().classCounts().get(present) + " samples");
    assertThat(detail).contains("Δc = Σ(c − xᵢ) / (1 + n)");
    assertThat(detail).contains("new c = c − α·Δc");

    robot.type(KeyCode.valueOf("DIGIT" + absent));
    detail = text(robot, "#detailLabel");
    assertThat(detail).contains("n_" + absent + " = 0");
    assertThat(detail).contains("The +1 in the denominator keeps an absent class's center still");
    assertThat(text(robot, "#lossesLabel")).startsWith("L_S (Softmax) = ");
  }
}
