package lab.centerloss.train;

import lab.centerloss.text.Ids;

public enum OptimizerKind {
  SGD,
  ADAM;

  public String id() {
    return Ids.of(this);
  }
}
