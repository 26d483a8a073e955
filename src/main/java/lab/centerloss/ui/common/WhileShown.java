package lab.centerloss.ui.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * A panel's refresh, put off while the panel is hidden (its tab not selected, or the comparison
 * covering the window) and run once when it shows again. JavaFX lays out hidden nodes too: a hidden
 * table refilled on every training step kept the JavaFX thread in layout for tens of milliseconds
 * at a time, and the visible picture stuttered.
 */
public final class WhileShown {
  private final BooleanProperty shown = new SimpleBooleanProperty(true);
  private final Runnable refresh;
  private boolean stale;

  public WhileShown(Runnable refresh) {
    this.refresh = refresh;
    shown.addListener(
        (o, was, now) -> {
          if (now && stale) {
            request();
          }
        });
  }

  /** Refreshes now if the panel shows; else once it shows. */
  public void request() {
    if (shown.get()) {
      stale = false;
      refresh.run();
    } else {
      stale = true;
    }
  }

  /**
   * Whether the panel is on screen (true until the window says otherwise: a panel without a window
   * refreshes at once).
   */
  public BooleanProperty shownProperty() {
    return shown;
  }
}
