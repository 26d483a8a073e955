package lab.centerloss.ui.controls;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import lab.centerloss.text.Messages;
import lab.centerloss.train.HeadKind;
import lab.centerloss.ui.model.LiveTraining;

/**
 * The settings panel: the form, the texts beside its sliders, and the one line that says what a
 * head switch applied. Every valid record the form describes goes to the trainer.
 */
public final class ControlsViewModel {
  private final HyperparameterForm form;
  private final LiveTraining training;
  private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
  private final StringBinding lambdaText;
  private final StringBinding alphaText;
  private final StringBinding learningRateText;
  private final StringBinding marginText;
  private final StringBinding scaleText;
  private final StringBinding marginHint;

  public ControlsViewModel(LiveTraining training) {
    this.training = training;
    form = new HyperparameterForm(training.hyperparametersProperty().get());
    form.recordProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null) {
                training.setHyperparameters(now);
              }
            });
    // Settings changed elsewhere (a new seed from the toolbar, a saved setup) show in the controls.
    training
        .hyperparametersProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null && !now.equals(form.recordProperty().get())) {
                form.load(now);
              }
            });
    form.problemProperty()
        .addListener(
            (o, was, now) -> {
              if (!now.isEmpty()) {
                notice.set(now);
              }
            });
    training
        .noticeProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null) {
                notice.set(now.render());
              }
            });
    lambdaText =
        Bindings.createStringBinding(
            () ->
                form.centerLossProperty().get()
                    ? HyperparameterForm.shortNumber(form.lambda())
                    : Messages.text("controls.off"),
            form.lambdaPositionProperty(),
            form.centerLossProperty());
    alphaText =
        Bindings.createStringBinding(
            () -> Messages.text("controls.alphaValue", form.alphaProperty().get()),
            form.alphaProperty());
    learningRateText =
        Bindings.createStringBinding(
            () -> HyperparameterForm.shortNumber(form.learningRate()),
            form.learningRatePositionProperty());
    marginText =
        Bindings.createStringBinding(
            () ->
                form.headProperty().get() == HeadKind.COSFACE
                    ? Messages.text("controls.marginCosine", form.marginProperty().get())
                    : Messages.text(
                        "controls.marginAngle",
                        form.marginProperty().get(),
                        Math.toDegrees(form.marginProperty().get())),
            form.marginProperty(),
            form.headProperty());
    scaleText =
        Bindings.createStringBinding(
            () -> Messages.text("controls.scaleValue", form.scaleProperty().get()),
            form.scaleProperty());
    marginHint =
        Bindings.createStringBinding(
            () -> {
              HeadKind head = form.headProperty().get();
              return head == HeadKind.COSFACE
                  ? Messages.text("controls.marginHintCosFace")
                  : head == HeadKind.ARCFACE
                      ? Messages.text("controls.marginHintArcFace")
                      : Messages.text("controls.marginHintNone");
            },
            form.headProperty());
  }

  /** The user chose a head: switch to it with its recommended settings, and say which. */
  public void chooseHead(HeadKind head) {
    form.chooseHead(head).ifPresent(message -> notice.set(message.render()));
  }

  /** A sentence for the notice line (e.g. settings that could not be read). */
  public void showNotice(String text) {
    notice.set(text);
  }

  public HyperparameterForm form() {
    return form;
  }

  public LiveTraining training() {
    return training;
  }

  public ReadOnlyStringProperty noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  public StringBinding lambdaTextProperty() {
    return lambdaText;
  }

  public StringBinding alphaTextProperty() {
    return alphaText;
  }

  public StringBinding learningRateTextProperty() {
    return learningRateText;
  }

  public StringBinding marginTextProperty() {
    return marginText;
  }

  public StringBinding scaleTextProperty() {
    return scaleText;
  }

  /** What m means for the head in force (angle or cosine), or which heads use it. */
  public StringBinding marginHintProperty() {
    return marginHint;
  }

  /** The language changed: every text this panel made is made again in it. */
  public void refreshTexts() {
    for (StringBinding text :
        List.of(lambdaText, alphaText, learningRateText, marginText, scaleText, marginHint)) {
      text.invalidate();
    }
  }
}
