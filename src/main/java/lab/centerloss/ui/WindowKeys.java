package lab.centerloss.ui;

import javafx.event.EventHandler;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import lab.centerloss.train.FeatureStatistics;
import lab.centerloss.ui.plane.FeaturePlane;

/**
 * The window's keys, as a teacher at the front of the room uses them: Space plays, the arrows and a
 * presenter remote's Page keys step (and turn a lesson's pages), B or "." blanks the screen, F is
 * full screen, + and - zoom, a digit selects its class. Text fields keep their keys.
 */
final class WindowKeys implements EventHandler<KeyEvent> {
  private static final double KEY_ZOOM = 1.25;

  /** Blanking the screen is the window's: the keys only ask. */
  interface Screen {
    boolean blanked();

    void blank(boolean on);
  }

  private final LabSession session;
  private final Stage stage;
  private final FeaturePlane plane;
  private final Screen screen;

  WindowKeys(LabSession session, Stage stage, FeaturePlane plane, Screen screen) {
    this.session = session;
    this.stage = stage;
    this.plane = plane;
    this.screen = screen;
  }

  @Override
  public void handle(KeyEvent e) {
    if (e.getTarget() instanceof TextInputControl) {
      return;
    }
    KeyCode code = e.getCode();
    // "." or B blanks the screen and brings it back, as presenter remotes expect; while blank,
    // no other key acts behind the class's back
    if (screen.blanked()) {
      if (code == KeyCode.PERIOD || code == KeyCode.B || code == KeyCode.ESCAPE) {
        screen.blank(false);
      }
      e.consume();
      return;
    }
    if (code == KeyCode.PERIOD || code == KeyCode.B) {
      screen.blank(true);
      e.consume();
      return;
    }
    // presenter remotes send Page Down / Page Up: in a lesson they turn its pages
    if (session.lesson().activeProperty().get()
        && (code == KeyCode.PAGE_DOWN || code == KeyCode.PAGE_UP)) {
      if (code == KeyCode.PAGE_DOWN) {
        session.lesson().next();
      } else {
        session.lesson().back();
      }
      e.consume();
      return;
    }
    if (session.options().comparingProperty().get()) {
      switch (code) {
        case SPACE -> session.compare().togglePlay();
        case RIGHT, PAGE_DOWN -> session.compare().step();
        case ESCAPE -> session.options().comparingProperty().set(false);
        default -> {
          return;
        }
      }
      e.consume();
      return;
    }
    switch (code) {
      case SPACE -> session.training().togglePlay();
      case RIGHT, PAGE_DOWN -> {
        if (e.isShiftDown()) {
          session.timeline().stepBy(1);
        } else {
          advance();
        }
      }
      case LEFT, PAGE_UP -> {
        if (e.isShiftDown()) {
          session.timeline().stepBy(-1);
        } else {
          session.stepThrough().previousPhase();
        }
      }
      case R -> session.training().reset();
      case F -> {
        if (stage != null) {
          stage.setFullScreen(!stage.isFullScreen());
        }
      }
      case PLUS, EQUALS, ADD -> plane.zoomCenter(KEY_ZOOM);
      case MINUS, SUBTRACT -> plane.zoomCenter(1 / KEY_ZOOM);
      default -> {
        if (!code.isDigitKey()) {
          return;
        }
        // a digit key selects that digit's class (in the open-set split, class j is the j-th known
        // digit)
        var origin = session.history().originProperty().get();
        int digit = Integer.parseInt(code.getChar().replaceAll("\\D", ""));
        int classIndex =
            origin == null
                ? -1
                : FeatureStatistics.classOf(origin.hyperparameters().knownDigits())[digit];
        session.options().toggleClass(classIndex, origin == null ? 0 : origin.classes());
      }
    }
    e.consume();
  }

  /**
   * The next phase of the update shown, or, after the last phase (or when live), the next batch.
   */
  private void advance() {
    if (!session.stepThrough().nextPhase()) {
      session.training().step();
    }
  }
}
