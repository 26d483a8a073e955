package lab.centerloss.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import lab.centerloss.text.Message;
import lab.centerloss.train.FloatVector;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.TrainerStatus;
import lab.centerloss.train.Vec2List;
import lab.centerloss.ui.model.ViewOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The comparison's inbox: which reports reach the panes, and when a plan counts as built. */
class ComparisonInboxTest {
  private final ComparisonInbox inbox = new ComparisonInbox();
  private final List<ComparePane> panes = List.of(new ComparePane(new ViewOptions()));
  private final List<TrainerStatus> statuses = new ArrayList<>();

  @Test
  @DisplayName(
      "a plan is built once its own origins arrive: a 'paused' from before it was taken up, or an old plan's origins, do not count")
  void builtOnlyByItsOwnOrigins() {
    inbox.follow(2);
    inbox.onStatus(
        new TrainerStatus(
            TrainerStatus.State.PAUSED,
            Message.of("compare.noPlan"),
            Optional.of(Message.of("device.cpu", 1))));
    inbox.onOrigins(1, List.of(origin()));
    inbox.drainInto(panes, statuses::add);
    panes.get(0).history().pull(); // as the frame does after draining
    assertThat(statuses).hasSize(1);
    assertThat(inbox.planBuilt()).isFalse();
    assertThat(panes.get(0).history().originProperty().get()).isNull();

    inbox.onOrigins(2, List.of(origin()));
    inbox.drainInto(panes, statuses::add);
    panes.get(0).history().pull();
    assertThat(inbox.planBuilt()).isTrue();
    assertThat(panes.get(0).history().originProperty().get()).isNotNull();

    inbox.follow(3);
    assertThat(inbox.planBuilt()).as("a new plan starts unbuilt").isFalse();
  }

  private static RunOrigin origin() {
    int[] labels = new int[20];
    Arrays.setAll(labels, i -> i % 10);
    ProbeResult probe =
        new ProbeResult(
            0, Vec2List.copyOf(new float[40]), IntVector.copyOf(labels), IntVector.copyOf(labels));
    return new RunOrigin(
        Hyperparameters.defaults(),
        Vec2List.copyOf(new float[20]),
        new StepSnapshot.HeadParameters(
            Vec2List.copyOf(new float[20]), Optional.of(FloatVector.copyOf(new float[10]))),
        probe,
        "0".repeat(64));
  }
}
