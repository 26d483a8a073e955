package lab.centerloss.ui.plane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Several canvases drawn one per frame, in turn. */
@ExtendWith(ApplicationExtension.class)
class CanvasesInTurnTest {
  private final List<CanvasControl> canvases = new ArrayList<>();
  private final List<AtomicInteger> paints = new ArrayList<>();
  private final HBox row = new HBox();

  @Start
  void start(Stage stage) {
    for (int i = 0; i < 4; i++) {
      CanvasControl canvas = new CanvasControl();
      AtomicInteger count = new AtomicInteger();
      canvas.setPainter((gc, width, height, now) -> count.incrementAndGet());
      canvases.add(canvas);
      paints.add(count);
    }
    row.getChildren().addAll(canvases);
    stage.setScene(new Scene(row, 800, 200));
    stage.show();
  }

  @Test
  @DisplayName(
      "each frame draws one canvas: four are drawn twice in eight frames; one out of the scene takes no turn")
  void oneCanvasAFrame(FxRobot robot) {
    int[][] counts = new int[2][];
    robot.interact(
        () -> {
          CanvasesInTurn.group(canvases);
          paints.forEach(p -> p.set(0));
          for (int frame = 0; frame < 8; frame++) {
            pulse(frame * 16_666_667L);
          }
          counts[0] = paints.stream().mapToInt(AtomicInteger::get).toArray();
          row.getChildren().remove(canvases.get(3));
          paints.forEach(p -> p.set(0));
          for (int frame = 8; frame < 14; frame++) {
            pulse(frame * 16_666_667L);
          }
          counts[1] = paints.stream().mapToInt(AtomicInteger::get).toArray();
        });
    assertThat(counts[0]).containsExactly(2, 2, 2, 2);
    assertThat(counts[1]).containsExactly(2, 2, 2, 0);
  }

  /** One frame as JavaFX runs it: every canvas's timer, all with the frame's time. */
  private void pulse(long now) {
    canvases.forEach(c -> c.onFrame(now));
  }
}
