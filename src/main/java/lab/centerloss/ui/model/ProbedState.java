package lab.centerloss.ui.model;

import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;

/**
 * The network a probe was measured with: the settings, the head and the centers of the step the
 * probe was taken after (the run's origin for step 0). While training runs a probe is taken only
 * every few steps, so the step shown is often later than its probe; a caption or a shading that
 * mixed the probe's features with the shown step's head or centers would describe no step at all.
 *
 * @param step the step the probe was taken after
 * @param head the head after that step's optimizer step: the one that scored the probe
 * @param centers the centers after that step's update
 */
public record ProbedState(
    long step,
    Hyperparameters hyperparameters,
    StepSnapshot.HeadParameters head,
    Vec2List centers) {

  /** The state after a step, as its own probe saw it. */
  static ProbedState after(StepSnapshot step) {
    return new ProbedState(
        step.step(), step.hyperparameters(), step.headAfter(), step.centers().after());
  }
}
