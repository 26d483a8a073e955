package lab.centerloss.ui.stepthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.plot.ViewWindow;
import lab.centerloss.testing.FakeTrainer;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.train.CenterRule;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.TrainerControls;
import lab.centerloss.train.Vec2List;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.ViewOptions;
import lab.centerloss.ui.stepthrough.StepThroughViewModel.Phase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The step-through's words and arrows for a known step, without a window. */
class StepThroughViewModelTest {
  private final RunHistory history = new RunHistory();
  private final ViewOptions options = new ViewOptions();
  private final StepThroughViewModel viewModel;

  StepThroughViewModelTest() {
    TrainerControls idle = new FakeTrainer();
    LiveTraining training =
        new LiveTraining(
            (f, hp) -> idle,
            Path.of("."),
            Hyperparameters.defaults(),
            history,
            options.languageProperty());
    viewModel = new StepThroughViewModel(history, training, options);
  }

  private StepSnapshot show(Hyperparameters hp) {
    float[] ten = new float[20];
    for (int j = 0; j < 10; j++) {
      ten[2 * j] = 3 * j;
      ten[2 * j + 1] = -2;
    }
    StepSnapshot s =
        SnapshotBuilder.aStep()
            .step(7)
            .hyperparameters(hp)
            .batchSize(20)
            .centers(Vec2List.copyOf(ten), Vec2List.copyOf(ten))
            .build();
    history.listener().onSnapshot(s);
    history.pull();
    viewModel.showStep(7);
    return s;
  }

  private static final PlaneScene LIVE =
      new PlaneScene(
          new ViewWindow(0, 0, 50),
          Vec2List.copyOf(new float[0]),
          IntVector.copyOf(new int[0]),
          Vec2List.copyOf(new float[0]),
          IntVector.copyOf(new int[0]),
          Vec2List.copyOf(new float[20]),
          List.of(),
          -1,
          true,
          "");

  @Test
  @DisplayName(
      "phase 2: each arrow points from the feature toward its center, along lambda (c - x)/m, and says its scale")
  void pullPointsTowardTheCenter() {
    StepSnapshot s = show(Hyperparameters.defaults());
    viewModel.phaseProperty().set(Phase.PULL);
    PlaneScene scene = viewModel.scene(LIVE);
    List<PlaneScene.Mark> forces =
        scene.marks().stream().filter(m -> m.kind() == PlaneScene.Mark.Kind.FORCE).toList();
    assertThat(forces).hasSize(20);
    for (int i = 0; i < 20; i++) {
      PlaneScene.Mark arrow = forces.get(i);
      int j = s.batch().labels().get(i);
      double towardX = s.centers().before().x(j) - s.batch().features().x(i);
      double towardY = s.centers().before().y(j) - s.batch().features().y(i);
      double ax = arrow.toX() - arrow.fromX();
      double ay = arrow.toY() - arrow.fromY();
      // parallel and the same way: the pull -d(lambda L_C)/dx_i = lambda (c - x_i)/m
      assertThat(ax * towardY - ay * towardX).isCloseTo(0, within(1e-4));
      assertThat(ax * towardX + ay * towardY).isPositive();
    }
    assertThat(scene.caption()).contains("arrows: the pull λ(c − xᵢ)/m, drawn ×");
    assertThat(viewModel.phaseTextProperty().get()).contains("−∂(λL_C)/∂xᵢ = λ(c − xᵢ)/m");
  }

  @Test
  @DisplayName("phase 3 names the rule in force: α·Δc_j for the paper's, α·Σ(c_j − xᵢ)/m for SGD")
  void updateFollowsTheRule() {
    show(Hyperparameters.defaults());
    viewModel.phaseProperty().set(Phase.UPDATE);
    assertThat(viewModel.phaseTextProperty().get()).contains("α·Δc_j").doesNotContain("/m");
    show(Hyperparameters.defaults().withCenterRule(CenterRule.SGD));
    viewModel.phaseProperty().set(Phase.UPDATE);
    assertThat(viewModel.phaseTextProperty().get())
        .contains("α·Σ(c_j − xᵢ)/m")
        .doesNotContain("Δc");
  }

  @Test
  @DisplayName("phase 4 draws the features after the step, with their old positions faint")
  void afterShowsWhereTheFeaturesWent() {
    StepSnapshot s = show(Hyperparameters.defaults());
    viewModel.phaseProperty().set(Phase.AFTER);
    PlaneScene scene = viewModel.scene(LIVE);
    assertThat(scene.trainPoints()).isEqualTo(s.batch().featuresAfter().orElseThrow());
    assertThat(scene.ghostPoints()).isEqualTo(s.batch().features());
    assertThat(scene.centers()).isEqualTo(s.centers().after());
  }

  @Test
  @DisplayName(
      "while its tab is hidden the panel keeps its table and title; shown again, it catches up with the step shown")
  void hiddenPanelWaits() {
    viewModel.panelShownProperty().set(false);
    for (int step = 1; step <= 3; step++) {
      history.listener().onSnapshot(SnapshotBuilder.aStep().step(step).batchSize(8).build());
      history.pull();
    }
    assertThat(viewModel.rows()).isEmpty();
    String before = viewModel.titleProperty().get();
    viewModel.panelShownProperty().set(true);
    assertThat(viewModel.rows()).hasSize(10);
    assertThat(viewModel.titleProperty().get()).isNotEqualTo(before).contains("3");
  }

  @Test
  @DisplayName(
      "a 16-D feature: no arrows and no table, one sentence that they exist only in 2-D; the losses stay")
  void projectedFeatureHasNoArrows() {
    show(Hyperparameters.defaults().withFeatureDim(16));
    viewModel.phaseProperty().set(Phase.PULL);
    assertThat(viewModel.scene(LIVE)).isSameAs(LIVE);
    assertThat(viewModel.rows()).isEmpty();
    assertThat(viewModel.phaseTextProperty().get())
        .startsWith("The step-through's arrows and its table of x and y exist only for a 2-D")
        .contains("16 dimensions");
    assertThat(viewModel.lossesTextProperty().get()).isNotEmpty();
  }
}
