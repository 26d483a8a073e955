package lab.centerloss.train;

/**
 * When the trainer keeps a checkpoint: often early, where a class most often wants to go back and
 * try again, and sparsely later, so that a long run's checkpoints stay a few tens of megabytes.
 * "Continue from here" re-trains from the nearest one at most one spacing of steps (a few seconds
 * early in a lite run).
 */
public final class CheckpointPolicy {
  private CheckpointPolicy() {}

  /** Whether a checkpoint is due after this step (step 0, the start, always has one). */
  public static boolean due(long step, ModelSize model) {
    // the paper model's checkpoints are 16 times larger: five times rarer
    long scale = model == ModelSize.PAPER ? 5 : 1;
    long spacing = step <= 1000 * scale ? 100 * scale : 500 * scale;
    return step % spacing == 0;
  }
}
