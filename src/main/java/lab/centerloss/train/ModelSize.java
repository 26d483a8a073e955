package lab.centerloss.train;

import lab.centerloss.text.Ids;

/**
 * The two LeNet++ sizes (Wen et al. 2016, Table/Figure 2 of the MNIST experiment): {@code PAPER}
 * has 32/64/128 channels; {@code LITE} divides them by 4 and is about 16 times cheaper, which keeps
 * a CPU step in the tens of milliseconds.
 */
public enum ModelSize {
  LITE(8, 16, 32),
  PAPER(32, 64, 128);

  private final int[] channels;

  ModelSize(int... channels) {
    this.channels = channels;
  }

  /** Output channels of block {@code block} (0, 1, 2). */
  public int channels(int block) {
    return channels[block];
  }

  public String id() {
    return Ids.of(this);
  }
}
