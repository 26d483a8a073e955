package lab.centerloss.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;

/**
 * The commands waiting for a trainer's thread, taken in the order they were posted. A command of a
 * slot (a new run, new settings, a pace, a drawing) replaces one of the same slot still waiting, in
 * its place: the latest request wins, and no command is left without what it asked for. Once
 * closed, the mailbox takes nothing more.
 *
 * @param <C> the commands
 */
final class TrainerMailbox<C> {
  private record Entry<C>(C command, Object slot) {}

  private final LinkedList<Entry<C>> waiting = new LinkedList<>();
  private boolean closed;

  /**
   * Posts a command after every one waiting.
   *
   * @return false when the mailbox is closed: the command will never be taken
   */
  synchronized boolean post(C command) {
    if (closed) {
      return false;
    }
    waiting.add(new Entry<>(command, null));
    notifyAll();
    return true;
  }

  /**
   * Posts a command in the place of the one of its slot still waiting, or after every one waiting.
   *
   * @return the command that will never be taken: the one replaced, or this one when the mailbox is
   *     closed; empty when it was posted and replaced nothing
   */
  synchronized Optional<C> replace(Object slot, C command) {
    if (closed) {
      return Optional.of(command);
    }
    ListIterator<Entry<C>> entries = waiting.listIterator();
    while (entries.hasNext()) {
      Entry<C> entry = entries.next();
      if (slot.equals(entry.slot())) {
        entries.set(new Entry<>(command, slot));
        return Optional.of(entry.command());
      }
    }
    waiting.add(new Entry<>(command, slot));
    notifyAll();
    return Optional.empty();
  }

  /** The next command, waiting as long as it takes. */
  synchronized C take() throws InterruptedException {
    while (waiting.isEmpty()) {
      wait();
    }
    return waiting.removeFirst().command();
  }

  /** The next command, or empty once {@link System#nanoTime()} reaches the deadline. */
  synchronized Optional<C> takeBefore(long deadlineNanos) throws InterruptedException {
    while (waiting.isEmpty()) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      wait(left / 1_000_000, (int) (left % 1_000_000));
    }
    return Optional.of(waiting.removeFirst().command());
  }

  /** Takes nothing more; returns the commands still waiting, which will never be taken. */
  synchronized List<C> close() {
    closed = true;
    List<C> left = new ArrayList<>();
    for (Iterator<Entry<C>> it = waiting.iterator(); it.hasNext(); ) {
      left.add(it.next().command());
      it.remove();
    }
    return left;
  }
}
