package lab.centerloss.train;

/** The classifier on top of the 2-D feature; see {@link MarginHead} for the formulas. */
public enum HeadKind {
    SOFTMAX("Softmax", false),
    NORMFACE("NormFace", true),
    COSFACE("CosFace", true),
    ARCFACE("ArcFace", true);

    private final String displayName;
    private final boolean normalized;

    HeadKind(String displayName, boolean normalized) {
        this.displayName = displayName;
        this.normalized = normalized;
    }

    public String displayName() {
        return displayName;
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
        return name().toLowerCase();
    }
}
