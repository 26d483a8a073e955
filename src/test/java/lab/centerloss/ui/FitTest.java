package lab.centerloss.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import lab.centerloss.testing.TestData;
import lab.centerloss.text.Language;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.Trainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window fits the screens classrooms have (1280x720 and 1024x768 projectors), in both
 * languages, in presentation mode too: no label, tab or status entry is cut short with "...", and
 * no tool or tab hides behind an overflow arrow.
 */
@ExtendWith(ApplicationExtension.class)
class FitTest {
  private LabSession session;
  private Stage stage;

  /**
   * The window on a trainer that replays a committed run (what is laid out is tested, not
   * training); the comparison it opens trains for real, on the cached data set with small probes.
   */
  @Start
  void start(Stage stage) throws Exception {
    this.stage = stage;
    session =
        new LabSession(
            (folder, hp) -> new ReplayingTrainer(hp),
            folder ->
                Trainer.forComparison(
                        TestData::mnist, new Trainer.Settings(DeviceChoice.CPU, 0, 200))
                    .launch(),
            TestData.bundledFolder(),
            Hyperparameters.defaults());
    LabApplication.showIn(session, stage, 1280, 800);
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

  @Test
  @DisplayName(
      "1280x720 and 1024x768, English and Chinese, presentation off and on: nothing cut short")
  void nothingIsCutShort(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(
        60, TimeUnit.SECONDS, () -> session.training().canTrainProperty().get());
    List<String> cut = new ArrayList<>();
    for (boolean presentation : List.of(false, true)) {
      for (String language : List.of("en", "zh-CN")) {
        for (int[] size : List.of(new int[] {1280, 720}, new int[] {1024, 768})) {
          cut.addAll(cutShort(size[0], size[1], language, presentation));
        }
      }
    }
    assertThat(cut).isEmpty();
  }

  private List<String> cutShort(int width, int height, String language, boolean presentation)
      throws Exception {
    TestWindows.onFx(
        () -> {
          session.options().languageProperty().set(Language.byTag(language));
          session.options().presentationProperty().set(presentation);
          stage.setFullScreen(false); // a projector's screen is this size: the window fills it
          stage.setWidth(width);
          stage.setHeight(height);
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents(5);
    List<String> cut = new ArrayList<>();
    for (String tab : List.of("controls", "center-update", "margins", "open-set", "export")) {
      TestWindows.onFx(
          () -> {
            session.options().shownTabProperty().set("");
            session.options().shownTabProperty().set(tab);
            return null;
          });
      WaitForAsyncUtils.waitForFxEvents(3);
      String where =
          width
              + "x"
              + height
              + " "
              + language
              + (presentation ? " presenting" : "")
              + ", "
              + tab
              + ": ";
      TestWindows.onFx(() -> truncated(stage.getScene().getRoot())).stream()
          .map(problem -> where + problem)
          .filter(problem -> !cut.contains(problem))
          .forEach(cut::add);
    }
    // the comparison takes the window: its tools and captions must fit too
    TestWindows.onFx(
        () -> {
          session.options().comparingProperty().set(true);
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents(3);
    String where =
        width
            + "x"
            + height
            + " "
            + language
            + (presentation ? " presenting" : "")
            + ", comparing: ";
    TestWindows.onFx(() -> truncated(stage.getScene().getRoot())).stream()
        .map(problem -> where + problem)
        .filter(problem -> !cut.contains(problem))
        .forEach(cut::add);
    TestWindows.onFx(
        () -> {
          session.options().comparingProperty().set(false);
          return null;
        });
    return cut;
  }

  /** Every shown label whose text is drawn shorter than it is, and every overflow arrow shown. */
  static List<String> truncated(Parent root) {
    List<String> found = new ArrayList<>();
    visit(root, found, root.getScene().getWidth(), false);
    return found;
  }

  private static void visit(Node node, List<String> found, double sceneWidth, boolean scrolled) {
    if (!node.isVisible() || node.getOpacity() == 0) {
      return;
    }
    // what lies in a scrolling view may pass its edge; anything else must end inside the window
    boolean inScroll = scrolled || node instanceof ScrollPane || node instanceof TableView;
    if (!inScroll && node instanceof Control control && control.getWidth() > 0) {
      double right = control.localToScene(control.getBoundsInLocal()).getMaxX();
      if (right > sceneWidth + 1) {
        found.add(
            (control.getId() != null ? "#" + control.getId() : control.getClass().getSimpleName())
                + " ends at x "
                + Math.round(right)
                + ", past the window's "
                + Math.round(sceneWidth));
      }
    }
    if (node.getStyleClass().contains("control-buttons-tab")
        || node.getStyleClass().contains("tool-bar-overflow-button")) {
      found.add("an overflow arrow: " + node.getStyleClass());
    }
    if (node instanceof Labeled labeled
        && labeled.getText() != null
        && !labeled.getText().isEmpty()
        && labeled.getWidth() > 0) {
      for (Node child : labeled.getChildrenUnmodifiable()) {
        if (child instanceof Text shown
            && child.getStyleClass().contains("text")
            && !shown.getText().equals(labeled.getText())) {
          found.add(
              (labeled.getId() != null ? "#" + labeled.getId() : labeled.getClass().getSimpleName())
                  + " \""
                  + labeled.getText()
                  + "\" shown as \""
                  + shown.getText()
                  + "\"");
        }
      }
    }
    if (node instanceof Parent parent) {
      for (Node child : parent.getChildrenUnmodifiable()) {
        visit(child, found, sceneWidth, inScroll);
      }
    }
  }
}
