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
  },
  /**
   * A lesson's recording's (issue 27): the start and every {@value #SPARSE_SPACING} steps, so that
   * a recording shipped in the app stays small; its maker adds one at each lesson step's end.
   * "Continue from here" re-trains at most that many steps.
   */
  SPARSE {
    @Override
    boolean due(long step, ModelSize model) {
      return step % SPARSE_SPACING == 0;
    }
  };

  /** Steps between two checkpoints of {@link #SPARSE}. */
  public static final int SPARSE_SPACING = 1000;

  /** Whether a checkpoint is kept after this step (step 0: the run's start). */
  abstract boolean due(long step, ModelSize model);
}
