package lab.centerloss.plot;

import static org.assertj.core.api.Assertions.assertThat;

import lab.centerloss.testing.SnapshotBuilder;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlaneScenesTest {
    @Test
    @DisplayName("the caption keeps its gaps before m and s (a properties file drops a value's leading spaces unless escaped)")
    void captionGaps() {
        Hyperparameters arcFace = Hyperparameters.recommendedFor(HeadKind.ARCFACE);
        String caption = PlaneScenes.caption(SnapshotBuilder.aStep().step(100).hyperparameters(arcFace).build());
        assertThat(caption).matches("step 100   ArcFace   λ .*   lr \\S+   m \\d\\.\\d\\d   s \\d+");
    }
}
