package lab.centerloss.train;

import lab.centerloss.text.Ids;

/** How the class centers follow the features after each batch; see {@link CenterLoss}. */
public enum CenterRule {
  /** Wen et al. 2016, Algorithm 1: c_j -= alpha * sum(c_j - x_i) / (1 + n_j). */
  PAPER,
  /**
   * Centers as parameters, plain SGD with learning rate alpha on dL_C/dc (c_j -= alpha * sum(c_j -
   * x_i) / m).
   */
  SGD;

  public String id() {
    return Ids.of(this);
  }
}
