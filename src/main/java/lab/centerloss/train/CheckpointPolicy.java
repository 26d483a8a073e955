package lab.centerloss.train;

/**
 * When the trainer keeps a checkpoint: often early, where a class most often wants to go back and
 * try again, and sparsely later, so that a long run's checkpoints stay a few tens of megabytes.
 * "Continue from here" re-trains from the nearest one at most one spacing of steps (a few seconds
 * early in a lite run).
 */
public final class CheckpointPolicy {
  /** Steps between two checkpoints early in a run. */
  public static final int EARLY_SPACING = 100;

  /** The step up to which checkpoints are {@link #EARLY_SPACING} apart. */
  public static final int EARLY_UNTIL = 1000;

  /** Steps between two checkpoints after {@link #EARLY_UNTIL}. */
  public static final int LATE_SPACING = 500;

  /**
   * How many times rarer the paper model's checkpoints are (each spacing and the early span times
   * this): they are 16 times larger.
   */
  public static final int PAPER_MODEL_RARER = 5;

  private CheckpointPolicy() {}

  /** Whether a checkpoint is due after this step (step 0, the start, always has one). */
  public static boolean due(long step, ModelSize model) {
    long scale = model == ModelSize.PAPER ? PAPER_MODEL_RARER : 1;
    long spacing = step <= EARLY_UNTIL * scale ? EARLY_SPACING * scale : LATE_SPACING * scale;
    return step % spacing == 0;
  }
}
