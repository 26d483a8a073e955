package lab.centerloss.ui.plane;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.ViewOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The plane draws a frame only when its picture changed. */
@ExtendWith(ApplicationExtension.class)
class FeaturePlaneTest {
  private static final long SECOND = 1_000_000_000L;
  private final RunHistory history = new RunHistory();
  private final ViewOptions options = new ViewOptions();
  private FeaturePlane plane;

  @Start
  void start(Stage stage) {
    plane = new FeaturePlane();
    plane.setViewModel(new PlaneViewModel(history, options));
    stage.setScene(new Scene(new StackPane(plane), 400, 300));
    stage.show();
  }

  @Test
  @DisplayName(
      "a scene at rest is drawn once; a new step, or another class selected, is drawn again")
  void restingSceneDrawnOnce(FxRobot robot) {
    long[] counts = new long[4];
    robot.interact(
        () -> {
          history.listener().onSnapshot(SnapshotBuilder.aStep().step(1).batchSize(8).build());
          history.pull();
          // the frame timer paints too, with the clock of the pulse; these frames come long after
          // every glide and the view's easing have ended
          plane.redraw(1_000 * SECOND);
          plane.redraw(1_100 * SECOND);
          counts[0] = plane.framesRendered();
          plane.redraw(1_200 * SECOND);
          plane.redraw(1_300 * SECOND);
          counts[1] = plane.framesRendered();
          options.selectedClassProperty().set(3);
          plane.redraw(1_400 * SECOND);
          counts[2] = plane.framesRendered();
          plane.redraw(1_500 * SECOND);
          counts[3] = plane.framesRendered();
        });
    assertThat(counts[1]).isEqualTo(counts[0]);
    assertThat(counts[2]).isEqualTo(counts[1] + 1);
    assertThat(counts[3]).isEqualTo(counts[2]);
  }
}
