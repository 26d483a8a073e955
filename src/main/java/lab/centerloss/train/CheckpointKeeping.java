package lab.centerloss.train;

/** Which checkpoints a driven run keeps (see {@link RunDriver}). */
public enum CheckpointKeeping {
  /** None: a run that is not saved cannot be gone back to. */
  NONE {
    @Override
    boolean due(long step, ModelSize model) {
      return false;
    }
  },
  /**
   * The window's: at the start, often early, sparsely later ({@link CheckpointPolicy}), as a saved
   * run keeps them for "Continue from here".
   */
  SPACED {
    @Override
    boolean due(long step, ModelSize model) {
      return CheckpointPolicy.due(step, model);
    }
  };

  /** Whether a checkpoint is kept after this step (step 0: the run's start). */
  abstract boolean due(long step, ModelSize model);
}
