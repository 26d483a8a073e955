package lab.centerloss.train;

import java.util.SplittableRandom;

/**
 * The order in which training images are visited: a fresh shuffle per epoch, drawn from the seed
 * and the epoch's number alone, so the same seed gives the same batches and a position (epoch,
 * place in it) is all it takes to resume. A batch never spans two epochs; the few images left at
 * the end of an epoch wait for the next shuffle.
 */
final class BatchSampler {
  private final long seed;
  private final int[] order;
  private int position;
  private int epoch;

  BatchSampler(int size, long seed) {
    this.seed = seed;
    order = new int[size];
    position = size; // shuffle at the first batch
  }

  long[] next(int batchSize) {
    int size = Math.min(batchSize, order.length);
    if (position + size > order.length) {
      shuffle(epoch + 1);
    }
    long[] batch = new long[size];
    for (int i = 0; i < size; i++) {
      batch[i] = order[position + i];
    }
    position += size;
    return batch;
  }

  /** Epochs begun so far (1 during the first). */
  int epoch() {
    return epoch;
  }

  /** Where the sampler stands: the epoch begun and how many of its images were taken. */
  record Position(int epoch, int taken) {}

  Position position() {
    return new Position(epoch, position);
  }

  /** Stands where {@link #position()} said, so that the next batches are those that followed. */
  void restore(Position at) {
    if (at.epoch() == 0) {
      epoch = 0;
      position = order.length;
      return;
    }
    if (at.taken() < 0 || at.taken() > order.length) {
      throw new IllegalArgumentException(
          "sampler position " + at.taken() + " outside 0.." + order.length);
    }
    shuffle(at.epoch());
    position = at.taken();
  }

  /** Fisher-Yates from the identity, with a generator for this epoch alone. */
  private void shuffle(int newEpoch) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + newEpoch);
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    position = 0;
    epoch = newEpoch;
  }
}
