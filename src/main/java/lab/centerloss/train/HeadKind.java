package lab.centerloss.train;

import lab.centerloss.text.Ids;

/** The classifier on top of the 2-D feature; see {@link MarginHead} for the formulas. */
public enum HeadKind {
  SOFTMAX(false),
  NORMFACE(true),
  COSFACE(true),
  ARCFACE(true);

  private final boolean normalized;

  HeadKind(boolean normalized) {
    this.normalized = normalized;
  }

  /** Logits are s cos(theta): the features' length plays no part, only their angle. */
  public boolean isNormalized() {
    return normalized;
  }

  /** Whether the margin m changes the loss. */
  public boolean usesMargin() {
    return this == COSFACE || this == ARCFACE;
  }

  public String id() {
    return Ids.of(this);
  }
}
