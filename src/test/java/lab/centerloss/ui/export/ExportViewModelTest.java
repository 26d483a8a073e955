package lab.centerloss.ui.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleBooleanProperty;
import javax.xml.parsers.DocumentBuilderFactory;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.plot.StudentPage;
import lab.centerloss.plot.ViewWindow;
import lab.centerloss.store.RunRecord;
import lab.centerloss.testing.TestData;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.Vec2List;
import lab.centerloss.ui.model.RunHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Element;

/**
 * The plane saved as a picture, without a window: the SVG's size, its markers, and a write that
 * fails.
 */
class ExportViewModelTest {
  private final ExportViewModel export = new ExportViewModel(new RunHistory());

  @BeforeAll
  static void startJavaFx() {
    HeadlessFx.start();
  }

  /** 300 test features in a spiral, ten centers, as the window's plane would hand them over. */
  private static PlaneScene windowScene() {
    float[] xy = new float[600];
    int[] labels = new int[300];
    for (int i = 0; i < 300; i++) {
      xy[2 * i] = (float) (Math.cos(i * 0.3) * i / 60.0);
      xy[2 * i + 1] = (float) (Math.sin(i * 0.3) * i / 60.0);
      labels[i] = i % 10;
    }
    return new PlaneScene(
        new ViewWindow(0, 0, 50),
        Vec2List.copyOf(xy),
        IntVector.copyOf(labels),
        Vec2List.copyOf(new float[0]),
        IntVector.copyOf(new int[0]),
        Vec2List.copyOf(new float[20]),
        List.of(),
        -1,
        true,
        "step 12");
  }

  @Test
  @DisplayName(
      "the plane as SVG: the chosen size, a shape for every point in view, the message names the file")
  void savesTheSceneAsSvg(@TempDir Path folder) throws Exception {
    Path target = folder.resolve("plane.svg");
    HeadlessFx.call(
        () -> {
          export.sizeProperty().set("1280x720");
          export.saveSnapshotSvg(target, windowScene(), 650);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> export.messageProperty().get().startsWith("Wrote"));
    assertThat(export.messageProperty().get()).isEqualTo("Wrote " + target + " (1280x720).");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Element svg = factory.newDocumentBuilder().parse(target.toFile()).getDocumentElement();
    assertThat(Double.parseDouble(svg.getAttribute("width"))).isEqualTo(1280);
    assertThat(Double.parseDouble(svg.getAttribute("height"))).isEqualTo(720);
    // 300 markers (a shape and its outline each) and the ten centers, besides the legend
    int shapes =
        svg.getElementsByTagName("path").getLength()
            + svg.getElementsByTagName("ellipse").getLength();
    assertThat(shapes).isGreaterThanOrEqualTo(2 * 300 + 2 * 10);
  }

  @Test
  @DisplayName("an SVG that cannot be written is named in one sentence, and no file is left behind")
  void unwritableFolder(@TempDir Path folder) throws Exception {
    Path target = folder.resolve("missing").resolve("plane.svg");
    HeadlessFx.call(
        () -> {
          export.saveSnapshotSvg(target, windowScene(), 650);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> !export.messageProperty().get().isEmpty());
    assertThat(export.messageProperty().get())
        .startsWith("Could not write " + target)
        .endsWith("Nothing was written.");
    assertThat(Files.exists(target)).isFalse();
  }

  @Test
  @DisplayName(
      "the web page for students: the run shown, in the projector theme in force; the comparison's runs when one is shown")
  void webPage(@TempDir Path folder) throws Exception {
    Language before = Messages.language();
    Messages.use(Language.ENGLISH);
    try {
      RunHistory history = new RunHistory();
      ExportViewModel projector = new ExportViewModel(history, new SimpleBooleanProperty(true));
      // real runs restored from the committed fixtures: the export is tested, not training
      RunRecord run = TestData.shortRun().record().copy();
      Path page = folder.resolve("run.html");
      HeadlessFx.call(
          () -> {
            history.show(run);
            projector.exportWebPage(page);
            return null;
          });
      WaitForAsyncUtils.waitFor(
          60, TimeUnit.SECONDS, () -> projector.messageProperty().get().startsWith("Wrote"));
      assertThat(projector.messageProperty().get())
          .isEqualTo("Wrote the web page of one run to " + page + ".");
      String html = Files.readString(page);
      assertThat(html).contains("\"theme\" : \"projector\"").contains("<html lang=\"en\">");

      RunRecord other = TestData.trainedRun().record().copy();
      projector.setComparison(
          () -> List.of(new StudentPage.Pane("λ 0.1", run), new StudentPage.Pane("λ 0", other)));
      Path both = folder.resolve("compare.html");
      HeadlessFx.call(
          () -> {
            projector.exportWebPage(both);
            return null;
          });
      WaitForAsyncUtils.waitFor(
          60, TimeUnit.SECONDS, () -> projector.messageProperty().get().contains(both.toString()));
      assertThat(projector.messageProperty().get())
          .isEqualTo("Wrote the web page of 2 runs side by side to " + both + ".");
      assertThat(Files.readString(both)).contains("\"title\" : \"λ 0.1\"", "\"title\" : \"λ 0\"");
    } finally {
      Messages.use(before);
    }
  }
}
