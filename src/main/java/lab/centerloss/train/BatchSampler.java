package lab.centerloss.train;

import java.util.SplittableRandom;

/**
 * The order in which training images are visited: a fresh shuffle per epoch from one seeded
 * generator, so the same seed gives the same batches. A batch never spans two epochs; the few
 * images left at the end of an epoch wait for the next shuffle.
 */
final class BatchSampler {
    private final SplittableRandom random;
    private final int[] order;
    private int position;
    private int epoch;

    BatchSampler(int size, long seed) {
        random = new SplittableRandom(seed);
        order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        position = size; // shuffle at the first batch
    }

    long[] next(int batchSize) {
        int size = Math.min(batchSize, order.length);
        if (position + size > order.length) {
            shuffle();
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

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        position = 0;
        epoch++;
    }
}
