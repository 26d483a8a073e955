package lab.centerloss.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The inset at a plane's own scale: when it appears, where, and its zoom factor, checked by hand;
 * and the comparison's exported grid draws it.
 */
class OwnScaleInsetTest {
  private static final Offset<Double> EXACT = Offset.offset(1e-9);

  @BeforeAll
  static void fx() {
    HeadlessFx.start();
  }

  @AfterEach
  void english() {
    Messages.use(Language.ENGLISH);
  }

  /** The shared view of a 400x300 plane holding ±150: 300 units on 300 × 0.84 px, 0.84 px/unit. */
  private static final ViewWindow SHARED = WorldBox.around(0, 0, 150).fit(400, 300, 0.08);

  @Test
  @DisplayName(
      "a ±2 cloud on ±150 shared axes: an inset 180x150, 31.5 px/unit, ×37.5, in the bottom-left corner as the bottom-right one (left of the legend) would hide the dot")
  void smallCloudGetsAnInset() {
    assertThat(SHARED.pixelsPerUnit()).isCloseTo(0.84, EXACT);
    Optional<OwnScaleInset.Placement> inset =
        OwnScaleInset.place(WorldBox.around(0, 0, 2), SHARED, 400, 300, 50.4, 206.4);
    assertThat(inset).isPresent();
    OwnScaleInset.Placement p = inset.get();
    // height: half the shorter side, 150; width: min(1.3 × 150, 0.45 × 400) = 180
    assertThat(p.height()).isCloseTo(150, EXACT);
    assertThat(p.width()).isCloseTo(180, EXACT);
    // 4 units on min(180, 150) × 0.84 = 126 px: 31.5 px/unit, 37.5 times the plane's 0.84
    assertThat(p.view().pixelsPerUnit()).isCloseTo(31.5, EXACT);
    assertThat(p.zoom()).isCloseTo(37.5, EXACT);
    // bottom: 300 - 6 - 150 = 144; bottom-right left of the legend would span x 157.6 to 337.6,
    // over the dot at x 198.3 to 201.7: bottom-left instead, from x 6
    assertThat(p.top()).isCloseTo(144, EXACT);
    assertThat(p.left()).isCloseTo(6, EXACT);
    assertThat(OwnScaleInset.label(p.zoom())).isEqualTo("own scale ×38");
  }

  @Test
  @DisplayName(
      "without a legend, and the cloud off to the left, the inset takes the bottom-right corner")
  void bottomRightWhenFree() {
    OwnScaleInset.Placement p =
        OwnScaleInset.place(WorldBox.around(-100, 0, 2), SHARED, 400, 300, 0, 0).orElseThrow();
    // 400 - 6 - 180 = 214; the dot is at x 200 - 100 × 0.84 = 116
    assertThat(p.left()).isCloseTo(214, EXACT);
    assertThat(p.top()).isCloseTo(144, EXACT);
  }

  @Test
  @DisplayName(
      "no inset when it would enlarge less than twice (±40: ×1.875), for the plane's own cloud, or on a plane under 140 px")
  void noInsetWhenLargeEnough() {
    // ±40 in 180x150: 126 / 80 = 1.575 px/unit, 1.875 times 0.84
    assertThat(OwnScaleInset.place(WorldBox.around(0, 0, 40), SHARED, 400, 300, 0, 0)).isEmpty();
    // ±30: 126 / 60 = 2.1 px/unit, 2.5 times: shown
    assertThat(OwnScaleInset.place(WorldBox.around(0, 0, 30), SHARED, 400, 300, 0, 0))
        .hasValueSatisfying(p -> assertThat(p.zoom()).isCloseTo(2.5, EXACT));
    assertThat(OwnScaleInset.place(WorldBox.around(0, 0, 150), SHARED, 400, 300, 0, 0)).isEmpty();
    // a plane 130 px high: an inset of 65 px would show nothing readable
    assertThat(
            OwnScaleInset.place(
                WorldBox.around(0, 0, 2),
                WorldBox.around(0, 0, 150).fit(400, 130, 0.08),
                400,
                130,
                0,
                0))
        .isEmpty();
  }

  @Test
  @DisplayName("the zoom is named to two significant digits, in English and Chinese")
  void zoomLabel() {
    assertThat(OwnScaleInset.shownZoom(37.5)).isCloseTo(38, EXACT);
    assertThat(OwnScaleInset.shownZoom(9.375)).isCloseTo(9.4, Offset.offset(1e-12));
    assertThat(OwnScaleInset.shownZoom(137)).isCloseTo(140, Offset.offset(1e-9));
    assertThat(OwnScaleInset.label(2.5)).isEqualTo("own scale ×2.5");
    assertThat(OwnScaleInset.label(137)).isEqualTo("own scale ×140");
    Messages.use(Language.SIMPLIFIED_CHINESE);
    assertThat(OwnScaleInset.label(37.5)).isEqualTo("自身比例 ×38");
  }

  @Test
  @DisplayName(
      "the exported grid (lesson slides, sweeps) draws the inset's frame where the small cloud's panel places it, and none beside the large one")
  void gridFigureDrawsTheInset() {
    List<GridFigure.Panel> panels =
        List.of(
            new GridFigure.Panel(cloud(150), "λ = 0", ""),
            new GridFigure.Panel(cloud(2), "λ = 1", ""));
    BufferedImage figure = GridFigure.draw(panels, 800);
    List<Optional<OwnScaleInset.Placement>> insets = GridFigure.insets(panels, 800);
    assertThat(insets.get(0)).isEmpty();
    OwnScaleInset.Placement p = insets.get(1).orElseThrow();
    assertThat(p.zoom()).isGreaterThan(10);
    int panelLeft = figure.getWidth() / 2;
    // the frame's left edge, half way down: the frame's light grey on the dark background
    int frame = figure.getRGB(panelLeft + (int) p.left(), (int) (p.top() + p.height() / 2));
    assertThat(brightness(frame)).isGreaterThan(150);
    // the same place in the first panel: the dark plane (no cloud reaches its bottom-left)
    int none = figure.getRGB((int) p.left(), (int) (p.top() + p.height() / 2));
    assertThat(brightness(none)).isLessThan(100);
  }

  private static int brightness(int rgb) {
    return (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
  }

  /** A step whose probe has two features at ±spread, every center at the origin. */
  private static StepSnapshot cloud(float spread) {
    Vec2List centers = Vec2List.copyOf(new float[20]);
    ProbeResult probe =
        new ProbeResult(
            5,
            Vec2List.copyOf(new float[] {-spread, -spread, spread, spread}),
            IntVector.copyOf(new int[] {0, 1}),
            IntVector.copyOf(new int[] {0, 1}),
            Hyperparameters.ALL_DIGITS);
    return SnapshotBuilder.aStep().step(5).centers(centers, centers).probe(probe).build();
  }
}
