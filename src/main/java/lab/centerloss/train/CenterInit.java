package lab.centerloss.train;

import lab.centerloss.text.Ids;

/**
 * Where the centers start. The paper's Algorithm 1 leaves it open; at the origin is where an
 * untrained network puts every feature. The common PyTorch re-implementation makes the centers an
 * {@code nn.Parameter(torch.randn(classes, 2))}: a standard normal draw, which students meet in
 * their own code and then ask why its centers seem not to move.
 */
public enum CenterInit {
  ZERO,
  NORMAL;

  public String id() {
    return Ids.of(this);
  }
}
