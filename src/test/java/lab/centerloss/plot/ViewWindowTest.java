package lab.centerloss.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ViewWindowTest {
  private static final double W = 800;
  private static final double H = 600;

  @Test
  void worldToScreenAndBack() {
    ViewWindow view = new ViewWindow(2, -1, 50);
    assertThat(view.toScreenX(2, W)).isEqualTo(400);
    assertThat(view.toScreenY(-1, H)).isEqualTo(300);
    // y grows upwards in the world, downwards on screen
    assertThat(view.toScreenY(0, H)).isEqualTo(250);
    assertThat(view.toScreenX(3, W)).isEqualTo(450);
    assertThat(view.toWorldX(view.toScreenX(7.25, W), W)).isCloseTo(7.25, within(1e-12));
    assertThat(view.toWorldY(view.toScreenY(-3.5, H), H)).isCloseTo(-3.5, within(1e-12));
  }

  @Test
  void zoomKeepsThePointUnderTheCursorStill() {
    ViewWindow view = new ViewWindow(0, 0, 10);
    double worldX = view.toWorldX(620, W);
    double worldY = view.toWorldY(130, H);
    ViewWindow zoomed = view.zoomAt(3, 620, 130, W, H);
    assertThat(zoomed.pixelsPerUnit()).isCloseTo(30, within(1e-9));
    assertThat(zoomed.toScreenX(worldX, W)).isCloseTo(620, within(1e-9));
    assertThat(zoomed.toScreenY(worldY, H)).isCloseTo(130, within(1e-9));
  }

  @Test
  void panMovesContentWithTheDrag() {
    ViewWindow view = new ViewWindow(0, 0, 10);
    ViewWindow panned = view.panByPixels(40, -20);
    assertThat(panned.toScreenX(0, W)).isCloseTo(440, within(1e-9));
    assertThat(panned.toScreenY(0, H)).isCloseTo(280, within(1e-9));
  }

  @Test
  void fittingShowsTheWholeBoxWithPadding() {
    ViewWindow view = ViewWindow.fitting(-1000, 3000, 0, 100, W, H, 0.1);
    // width is the tighter constraint: 4000 units into 640 pixels
    assertThat(view.pixelsPerUnit()).isCloseTo(640.0 / 4000, within(1e-12));
    assertThat(view.toScreenX(-1000, W)).isCloseTo(80, within(1e-9));
    assertThat(view.toScreenX(3000, W)).isCloseTo(720, within(1e-9));
    ViewWindow tiny = ViewWindow.fitting(0, 0.01, 0, 0.01, W, H, 0.1);
    assertThat(tiny.pixelsPerUnit()).isCloseTo(480 / 0.01, within(1e-6));
  }

  @Test
  void approachEasesInLogScale() {
    ViewWindow from = new ViewWindow(0, 0, 1);
    ViewWindow to = new ViewWindow(10, -10, 10_000);
    ViewWindow half = from.approach(to, 0.5);
    assertThat(half.centerX()).isCloseTo(5, within(1e-12));
    assertThat(half.centerY()).isCloseTo(-5, within(1e-12));
    assertThat(half.pixelsPerUnit()).isCloseTo(100, within(1e-9));
    assertThat(from.approach(to, 1))
        .isEqualTo(new ViewWindow(10, -10, 10_000.000000000002).approach(to, 1));
    assertThat(ViewWindow.easingFraction(0, 0.4)).isZero();
    assertThat(ViewWindow.easingFraction(0.4, 0.4)).isCloseTo(1 - Math.exp(-1), within(1e-12));
  }

  @Test
  @DisplayName(
      "frames of easing arrive exactly at the target (a view at rest makes the same picture, which is not drawn again)")
  void approachArrives() {
    ViewWindow view = new ViewWindow(0.3, -0.7, 37);
    ViewWindow to = new ViewWindow(1.234567, 2.345678, 123.456);
    int frames = 0;
    while (!view.equals(to) && frames < 10_000) {
      view = view.approach(to, ViewWindow.easingFraction(1 / 60.0, 0.4));
      frames++;
    }
    assertThat(view).isEqualTo(to);
    assertThat(frames).isBetween(60, 600); // seconds of visible motion, not an instant jump
  }
}
