package lab.centerloss.text;

/**
 * An exception whose reason is one of our sentences, kept as a message: whoever shows it (a view,
 * the command line) renders it in the language of that moment, not the thread that threw it.
 */
public interface Explained {
  Message reason();

  /**
   * What to show for a failure: our message when the exception carries one, else its own text
   * (libtorch's, say), which has no other language.
   */
  static Object reasonOf(Throwable e, String ownText) {
    return e instanceof Explained explained ? explained.reason() : ownText;
  }
}
