package lab.centerloss.train;

import lab.centerloss.text.Explained;
import lab.centerloss.text.Message;

/**
 * Settings that cannot be trained with: an impossible value, or a digit to be known of which the
 * data set has no training image (issue 25: that ended in a NullPointerException). An argument
 * error, so that whatever reports a bad setting reports these too, in the language of that moment.
 */
public final class SettingsRefusedException extends IllegalArgumentException implements Explained {
  private final transient Message reason;

  public SettingsRefusedException(Message reason) {
    super(reason.key());
    this.reason = reason;
  }

  @Override
  public String getMessage() {
    return reason.render();
  }

  @Override
  public Message reason() {
    return reason;
  }
}
