package lab.centerloss.train;

import lab.centerloss.text.Message;

/** The device asked for cannot be used here; the message names what is missing. */
public final class DeviceUnavailableException extends RuntimeException {
  private final transient Message reason;

  DeviceUnavailableException(Message reason) {
    super(reason.key());
    this.reason = reason;
  }

  /** One sentence for the user, in the current language. */
  @Override
  public String getMessage() {
    return reason.render();
  }

  public Message reason() {
    return reason;
  }
}
