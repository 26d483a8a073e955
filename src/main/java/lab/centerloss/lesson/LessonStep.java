package lab.centerloss.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import lab.centerloss.store.HyperparametersJson;
import lab.centerloss.train.Hyperparameters;

/**
 * One step of a lesson: what the teacher says, the settings it applies (only those it names; the
 * rest stay as they are), what it does, and a question for the class.
 *
 * @param scenario a setup file beside the lesson, applied first (its settings, view and comparison)
 * @param settings the settings named, as in a run file's settings object; empty: none changed
 */
public record LessonStep(
    LocalizedText narration,
    Optional<Scenario> scenario,
    Optional<JsonNode> settings,
    LessonAction action,
    Optional<LocalizedText> question) {

  public LessonStep {
    settings = settings.map(JsonNode::deepCopy);
  }

  /** The settings in force after this step, from those before it. */
  public Hyperparameters apply(Hyperparameters before) {
    Hyperparameters start = scenario.map(Scenario::settings).orElse(before);
    if (settings.isEmpty()) {
      return start;
    }
    // checked when the lesson was read: a problem here is a bug
    return HyperparametersJson.fromJson(settings.get(), start)
        .hyperparameters()
        .orElseThrow(() -> new IllegalStateException("settings of a checked lesson step"));
  }
}
