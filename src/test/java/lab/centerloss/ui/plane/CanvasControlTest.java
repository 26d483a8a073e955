package lab.centerloss.ui.plane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class CanvasControlTest {
  private final AtomicInteger paints = new AtomicInteger();
  private final StackPane tab = new StackPane();
  private CanvasControl canvas;

  @Start
  void start(Stage stage) {
    canvas = new CanvasControl();
    canvas.setPainter((gc, width, height, now) -> paints.incrementAndGet());
    tab.getChildren().add(canvas);
    stage.setScene(new Scene(new StackPane(tab), 300, 200));
    stage.show();
  }

  @Test
  @DisplayName(
      "a canvas whose parent is hidden (a tab not selected) is not painted; shown again, it is")
  void hiddenParentNotPainted(FxRobot robot) throws Exception {
    robot.interact(
        () -> {
          tab.setVisible(false);
          paints.set(0);
          canvas.redraw(0);
        });
    assertThat(paints.get()).isZero();
    // counted inside the one runnable, before a pulse can run the frame timer: the redraw itself
    // (read after interact, the timer's frames would pass the test however redraw behaved)
    AtomicInteger paintedByRedraw = new AtomicInteger(-1);
    robot.interact(
        () -> {
          tab.setVisible(true);
          paints.set(0);
          canvas.redraw(0);
          paintedByRedraw.set(paints.get());
        });
    assertThat(paintedByRedraw.get()).isEqualTo(1);
    // and the frame timer paints it again on its own
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> paints.get() > 1);
  }
}
