package lab.centerloss.ui.controls;

import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import lab.centerloss.train.CenterInit;
import lab.centerloss.train.CenterRule;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.ModelSize;
import lab.centerloss.train.OptimizerKind;
import lab.centerloss.train.SettingDescriptor;
import lab.centerloss.train.Settings;
import lab.centerloss.ui.common.Converters;

/** The settings panel ({@code fxml/controls.fxml}): bindings to {@link ControlsViewModel}. */
public final class ControlsView {
  private final ControlsViewModel viewModel;

  @FXML private ComboBox<HeadKind> headBox;
  @FXML private CheckBox centerLossCheck;
  @FXML private Label lambdaValue;
  @FXML private Slider lambdaSlider;
  @FXML private Label alphaValue;
  @FXML private Slider alphaSlider;
  @FXML private ComboBox<CenterRule> centerRuleBox;
  @FXML private ComboBox<CenterInit> centerInitBox;
  @FXML private Label learningRateValue;
  @FXML private Slider learningRateSlider;
  @FXML private ComboBox<OptimizerKind> optimizerBox;
  @FXML private Label marginValue;
  @FXML private Slider marginSlider;
  @FXML private Label marginHint;
  @FXML private ComboBox<Integer> marginWarmupBox;
  @FXML private Label scaleValue;
  @FXML private Slider scaleSlider;
  @FXML private ComboBox<ModelSize> modelBox;
  @FXML private ComboBox<Integer> featureDimBox;
  @FXML private ComboBox<Integer> batchSizeBox;
  @FXML private TextField seedField;
  @FXML private Label noticeLabel;

  public ControlsView(ControlsViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    HyperparameterForm form = viewModel.form();
    headBox.getItems().setAll(HeadKind.values());
    headBox.setConverter(Converters.labels());
    headBox.setValue(form.headProperty().get());
    form.headProperty().addListener((o, was, now) -> headBox.setValue(now));
    headBox.setOnAction(e -> viewModel.chooseHead(headBox.getValue()));
    centerLossCheck.selectedProperty().bindBidirectional(form.centerLossProperty());
    lambdaSlider.valueProperty().bindBidirectional(form.lambdaPositionProperty());
    lambdaSlider.disableProperty().bind(form.centerLossActs().not());
    lambdaValue.textProperty().bind(viewModel.lambdaTextProperty());
    range(alphaSlider, Settings.ALPHA);
    alphaSlider.valueProperty().bindBidirectional(form.alphaProperty());
    // not tied to center loss: the centers move by alpha at every step, whatever lambda is
    alphaValue.textProperty().bind(viewModel.alphaTextProperty());
    choices(centerRuleBox, CenterRule.values());
    centerRuleBox.valueProperty().bindBidirectional(form.centerRuleProperty());
    choices(centerInitBox, CenterInit.values());
    centerInitBox.valueProperty().bindBidirectional(form.centerInitProperty());
    learningRateSlider.valueProperty().bindBidirectional(form.learningRatePositionProperty());
    learningRateValue.textProperty().bind(viewModel.learningRateTextProperty());
    choices(optimizerBox, OptimizerKind.values());
    optimizerBox.valueProperty().bindBidirectional(form.optimizerProperty());
    range(marginSlider, Settings.MARGIN);
    marginSlider.valueProperty().bindBidirectional(form.marginProperty());
    marginSlider.disableProperty().bind(form.marginActs().not());
    marginValue.textProperty().bind(viewModel.marginTextProperty());
    marginHint.textProperty().bind(viewModel.marginHintProperty());
    marginWarmupBox.getItems().setAll(HyperparameterForm.WARMUP_STEPS);
    marginWarmupBox.valueProperty().bindBidirectional(form.marginWarmupProperty());
    marginWarmupBox.disableProperty().bind(form.marginActs().not());
    range(scaleSlider, Settings.SCALE);
    scaleSlider.valueProperty().bindBidirectional(form.scaleProperty());
    scaleSlider.disableProperty().bind(form.scaleActs().not());
    scaleValue.textProperty().bind(viewModel.scaleTextProperty());
    choices(modelBox, ModelSize.values());
    modelBox.valueProperty().bindBidirectional(form.modelProperty());
    featureDimBox.getItems().setAll(HyperparameterForm.FEATURE_DIMS);
    featureDimBox.valueProperty().bindBidirectional(form.featureDimProperty());
    batchSizeBox.getItems().setAll(HyperparameterForm.BATCH_SIZES);
    batchSizeBox.valueProperty().bindBidirectional(form.batchSizeProperty());
    seedField.textProperty().bindBidirectional(form.seedTextProperty());
    noticeLabel.textProperty().bind(viewModel.noticeProperty());
  }

  /** A linear slider spans its setting's control ({@link Settings}). */
  private static void range(Slider slider, SettingDescriptor<Double> setting) {
    slider.setMin(setting.control().min());
    slider.setMax(setting.control().max());
  }

  private static <T extends Enum<T>> void choices(ComboBox<T> box, T[] values) {
    box.getItems().setAll(values);
    box.setConverter(Converters.labels());
  }
}
