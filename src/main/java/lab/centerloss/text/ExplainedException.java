package lab.centerloss.text;

/**
 * A checked exception whose reason is one of our sentences (a damaged data set, a run file that
 * cannot be read), kept as a message and said only when asked, in the language of that moment.
 */
public abstract class ExplainedException extends Exception implements Explained {
  private final transient Message reason;

  protected ExplainedException(Message reason) {
    super(reason.key());
    this.reason = reason;
  }

  protected ExplainedException(Message reason, Throwable cause) {
    super(reason.key(), cause);
    this.reason = reason;
  }

  /** The sentence in the language in force when it is asked for. */
  @Override
  public String getMessage() {
    return reason.render();
  }

  @Override
  public Message reason() {
    return reason;
  }
}
