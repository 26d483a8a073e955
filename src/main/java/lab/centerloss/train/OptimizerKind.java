package lab.centerloss.train;

public enum OptimizerKind {
    SGD,
    ADAM;

    public String id() {
        return lab.centerloss.text.Ids.of(this);
    }
}
