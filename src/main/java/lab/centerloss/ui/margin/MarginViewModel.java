package lab.centerloss.ui.margin;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import lab.centerloss.text.Messages;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.ui.model.LiveTraining;

/**
 * The margins panel: the target logit against theta for the head, s and m on the sliders, and the
 * sentences that explain it. Follows the settings as they change.
 */
public final class MarginViewModel {
  private final ReadOnlyObjectProperty<Hyperparameters> settings;
  private final StringBinding settingsText;
  private final StringBinding headText;

  public MarginViewModel(LiveTraining training) {
    settings = training.hyperparametersProperty();
    settingsText =
        Bindings.createStringBinding(
            () -> {
              Hyperparameters hp = settings.get();
              return Messages.text(
                  "margin.settings", hp.scale(), hp.margin(), Math.toDegrees(hp.margin()));
            },
            settings);
    headText =
        Bindings.createStringBinding(
            () ->
                settings.get().head() == HeadKind.SOFTMAX
                    ? Messages.text("margin.softmax")
                    : Messages.text("margin.inForce", Messages.label(settings.get().head())),
            settings);
  }

  /** The settings the curves are drawn for. */
  public ReadOnlyObjectProperty<Hyperparameters> settingsProperty() {
    return settings;
  }

  /** "s = 16, m = 0.50: ...". */
  public StringBinding settingsTextProperty() {
    return settingsText;
  }

  /** Which head is in force, or why softmax has no such curve. */
  public StringBinding headTextProperty() {
    return headText;
  }

  /** The language changed: every text this panel made is made again in it. */
  public void refreshTexts() {
    settingsText.invalidate();
    headText.invalidate();
  }
}
