package lab.centerloss.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import lab.centerloss.plot.OwnScaleInset;
import lab.centerloss.testing.FakeTrainer;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.testing.TestData;
import lab.centerloss.text.Language;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;
import lab.centerloss.ui.compare.ComparePane;
import lab.centerloss.ui.plane.FeaturePlane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The comparison in the window at 1366x768, its four panes given clouds of ±150, ±40, ±8 and ±2 (as
 * λ 0 to 1 spread at step 1,500 of lesson 2): with shared axes the two smallest clouds get an inset
 * at their own scale and the others none; without shared axes none; every caption is shown whole,
 * in both languages and in presentation mode.
 */
@ExtendWith(ApplicationExtension.class)
class CompareInsetTest {
  private LabSession session;
  private Stage stage;

  /** Fake trainers: the panes' steps are handed to them directly, nothing trains. */
  @Start
  void start(Stage stage) throws Exception {
    this.stage = stage;
    session =
        new LabSession(
            (folder, hp) -> new FakeTrainer(),
            folder -> new FakeTrainer(),
            TestData.bundledFolder(),
            Hyperparameters.defaults());
    LabApplication.showIn(session, stage, 1366, 768);
    stage.show();
    session.start();
  }

  @AfterEach
  void close() throws Exception {
    TestWindows.onFx(
        () -> {
          session.options().languageProperty().set(Language.ENGLISH);
          session.options().presentationProperty().set(false);
          return null;
        });
    TestWindows.close(session);
  }

  /** A step whose probe has two features at ±spread, every center at the origin. */
  private static StepSnapshot cloud(float spread) {
    Vec2List centers = Vec2List.copyOf(new float[20]);
    ProbeResult probe =
        new ProbeResult(
            1500,
            Vec2List.copyOf(new float[] {-spread, -spread, spread, spread}),
            IntVector.copyOf(new int[] {0, 1}),
            IntVector.copyOf(new int[] {0, 1}),
            Hyperparameters.ALL_DIGITS);
    return SnapshotBuilder.aStep().step(1500).centers(centers, centers).probe(probe).build();
  }

  private List<FeaturePlane> comparePlanes() {
    Node root = stage.getScene().lookup(".compare");
    return root.lookupAll(".feature-plane").stream()
        .map(FeaturePlane.class::cast)
        .filter(Node::isVisible)
        .toList();
  }

  private OwnScaleInset.Placement inset(int pane) throws Exception {
    return TestWindows.onFx(() -> comparePlanes().get(pane).drawnInset());
  }

  @Test
  @DisplayName(
      "shared axes over ±150 / ±40 / ±8 / ±2: insets in the two smallest panes, zoom over 2; none with shared axes off; captions whole")
  void insetsOnSharedAxes(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> session.training().canTrainProperty().get());
    float[] spreads = {150, 40, 8, 2};
    TestWindows.onFx(
        () -> {
          session.options().comparingProperty().set(true);
          List<ComparePane> panes = session.compare().panes();
          for (int i = 0; i < 4; i++) {
            panes.get(i).history().listener().onSnapshot(cloud(spreads[i]));
          }
          return null;
        });
    assertThat(TestWindows.onFx(() -> comparePlanes().size())).isEqualTo(4);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> inset(3) != null && inset(2) != null && inset(3).zoom() > 20);
    assertThat(inset(0)).isNull();
    assertThat(inset(1)).isNull();
    assertThat(inset(2).zoom()).isGreaterThan(OwnScaleInset.MIN_ZOOM);
    // the inset lies inside its plane
    FeaturePlane smallest = TestWindows.onFx(() -> comparePlanes().get(3));
    OwnScaleInset.Placement p = inset(3);
    assertThat(p.left()).isGreaterThanOrEqualTo(0);
    assertThat(p.left() + p.width()).isLessThanOrEqualTo(smallest.getWidth());
    assertThat(p.top() + p.height()).isLessThanOrEqualTo(smallest.getHeight());

    for (boolean presentation : List.of(false, true)) {
      for (Language language : Language.values()) {
        TestWindows.onFx(
            () -> {
              session.options().languageProperty().set(language);
              session.options().presentationProperty().set(presentation);
              return null;
            });
        WaitForAsyncUtils.waitForFxEvents(5);
        assertThat(TestWindows.onFx(this::captionsCut))
            .as(language + (presentation ? ", presenting" : ""))
            .isEmpty();
      }
    }

    TestWindows.onFx(
        () -> {
          session.compare().sharedAxesProperty().set(false);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            TestWindows.onFx(() -> comparePlanes().stream().allMatch(f -> f.drawnInset() == null)));
  }

  /**
   * The panes' captions that are not shown whole: wider than the window, shorter than their text
   * needs, or reaching below their pane into the next row or off the window.
   */
  private List<String> captionsCut() {
    Node root = stage.getScene().lookup(".compare");
    double sceneWidth = stage.getScene().getWidth();
    double sceneHeight = stage.getScene().getHeight();
    return root.lookupAll(".pane-numbers").stream()
        .map(Label.class::cast)
        .filter(l -> l.isVisible() && !l.getText().isEmpty())
        .filter(
            l -> {
              var bounds = l.localToScene(l.getBoundsInLocal());
              var pane = l.getParent().localToScene(l.getParent().getBoundsInLocal());
              return bounds.getMaxX() > sceneWidth + 1
                  || bounds.getMaxY() > sceneHeight + 1
                  || bounds.getMaxY() > pane.getMaxY() + 1
                  || l.getHeight() + 0.5 < l.prefHeight(l.getWidth())
                  || !FitTest.truncated(l.getParent()).isEmpty();
            })
        .map(Label::getText)
        .toList();
  }
}
