package lab.centerloss.train;

import java.util.Optional;
import lab.centerloss.text.Message;

/**
 * The trainer's state and a sentence for the status line, both as messages: the window and the
 * command line put them into words in the language of the moment, so a language switch says them
 * again without asking the trainer.
 *
 * @param device e.g. "CPU with 2 threads"; empty while libtorch loads
 */
public record TrainerStatus(State state, Message message, Optional<Message> device) {
  public enum State {
    /** libtorch and the data set are loading; commands wait. */
    LOADING,
    /** Ready and waiting for play or step. */
    PAUSED,
    RUNNING,
    /** The loss became NaN or infinite; reset recovers. */
    DIVERGED,
    /** The data set could not be loaded; the message says why; another folder recovers. */
    NO_DATA,
    /** libtorch could not start, or failed while training; the message says why. */
    FAILED,
    STOPPED
  }

  /** What every trainer says before its thread has libtorch and the data. */
  public static TrainerStatus loading() {
    return new TrainerStatus(State.LOADING, Message.of("trainer.loading"), Optional.empty());
  }

  public boolean canTrain() {
    return state == State.PAUSED || state == State.RUNNING;
  }

  /**
   * Whether a reset can start the run again: not while loading, nor once the trainer has given up.
   */
  public boolean canReset() {
    return state != State.LOADING && state != State.FAILED && state != State.NO_DATA;
  }
}
