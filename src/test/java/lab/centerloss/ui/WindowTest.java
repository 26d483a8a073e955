package lab.centerloss.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.plot.Palette;
import lab.centerloss.testing.FakeTrainer;
import lab.centerloss.testing.TestData;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.Trainer;
import lab.centerloss.train.TrainerStatus.State;
import lab.centerloss.ui.controls.HyperparameterForm;
import lab.centerloss.ui.plane.FeaturePlane;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.robot.Motion;

/**
 * The real window on the headless Monocle platform. Its wiring (sliders, transport, timeline,
 * charts, lessons, keys, language) is tested on a trainer that replays a committed real run instead
 * of training it; the test marked {@link RealTrainer} runs the window on a real trainer, end to
 * end, a broken data folder goes through the real trainer's loading, and the comparison trains its
 * runs for real.
 */
@ExtendWith(ApplicationExtension.class)
class WindowTest {
  /** Marks the window's smoke test: a real trainer behind it, training. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  private @interface RealTrainer {}

  private LabSession session;
  private final AtomicReference<FakeTrainer> trainer = new AtomicReference<>();
  private Stage stage;
  private boolean realTrainer;

  @Start
  void start(Stage stage) throws Exception {
    this.stage = stage;
    session =
        new LabSession(
            (folder, hp) -> {
              FakeTrainer recording =
                  FakeTrainer.passingTo(
                      folder.equals(TestData.bundledFolder()) && !realTrainer
                          ? new ReplayingTrainer(hp)
                          : realTrainer(folder, hp));
              trainer.set(recording);
              return recording;
            },
            // the comparison trains for real: the bundled set, cached across tests, and probes of
            // 500 test images as the window's trainer here (the app's 2,000 are not under test)
            folder ->
                Trainer.forComparison(
                        folder.equals(TestData.bundledFolder())
                            ? TestData::mnist
                            : () -> MnistDataSet.load(folder),
                        new Trainer.Settings(DeviceChoice.CPU, 0, 500))
                    .launch(),
            TestData.bundledFolder(),
            Hyperparameters.defaults());
    LabApplication.showIn(session, stage, 1280, 800);
    stage.show();
  }

  private static Trainer realTrainer(Path folder, Hyperparameters hp) {
    // The bundled set is cached across tests; any other folder is really read.
    Trainer.DataSource data =
        folder.equals(TestData.bundledFolder()) ? TestData::mnist : () -> MnistDataSet.load(folder);
    return new Trainer(data, new Trainer.Settings(DeviceChoice.CPU, 0, 500), hp).launch();
  }

  /** Starts the window's training, on the trainer the test asks for. */
  @BeforeEach
  void startTraining(TestInfo test) throws Exception {
    realTrainer = test.getTestMethod().orElseThrow().isAnnotationPresent(RealTrainer.class);
    TestWindows.onFx(
        () -> {
          session.start();
          return null;
        });
  }

  @AfterEach
  void closeTrainer() throws Exception {
    TestWindows.close(session);
  }

  private void awaitState(State state) throws Exception {
    waitFor(60, TimeUnit.SECONDS, () -> session.training().stateProperty().get() == state);
  }

  private String progress(FxRobot robot) {
    return robot.lookup("#progressLabel").queryAs(Label.class).getText();
  }

  private long latestStep() throws Exception {
    return TestWindows.onFx(
        () ->
            session.history().latestProperty().get() == null
                ? 0
                : session.history().latestProperty().get().step());
  }

  @Test
  @DisplayName("moving each slider hands the trainer a new record with that value")
  void slidersReachTheTrainer(FxRobot robot) throws Exception {
    awaitState(State.PAUSED);
    // with center loss off, lambda is off but alpha stays live: the centers move at every step
    robot.interact(
        () -> robot.lookup("#centerLossCheck").queryAs(CheckBox.class).setSelected(false));
    assertThat(robot.lookup("#lambdaSlider").queryAs(Slider.class).isDisabled()).isTrue();
    assertThat(robot.lookup("#alphaSlider").queryAs(Slider.class).isDisabled()).isFalse();
    robot.interact(
        () -> robot.lookup("#centerLossCheck").queryAs(CheckBox.class).setSelected(true));
    robot.interact(() -> robot.lookup("#alphaSlider").queryAs(Slider.class).setValue(0.25));
    assertThat(trainer.get().lastRecord().alpha()).isEqualTo(0.25);
    assertThat(robot.lookup("#alphaValue").queryAs(Label.class).getText()).isEqualTo("0.25");

    robot.interact(
        () ->
            robot
                .lookup("#lambdaSlider")
                .queryAs(Slider.class)
                .setValue(HyperparameterForm.LAMBDA_SCALE.toPosition(0.01)));
    assertThat(trainer.get().lastRecord().lambda()).isCloseTo(0.01, Assertions.within(1e-12));
    assertThat(robot.lookup("#lambdaValue").queryAs(Label.class).getText()).isEqualTo("0.01");

    robot.interact(
        () ->
            robot
                .lookup("#learningRateSlider")
                .queryAs(Slider.class)
                .setValue(HyperparameterForm.LEARNING_RATE_SCALE.toPosition(0.001)));
    assertThat(trainer.get().lastRecord().learningRate())
        .isCloseTo(0.001, Assertions.within(1e-12));
    assertThat(robot.lookup("#marginSlider").queryAs(Slider.class).isDisabled())
        .as("softmax has no margin")
        .isTrue();

    robot.clickOn("#headBox").clickOn("ArcFace");
    assertThat(trainer.get().lastRecord().head()).isEqualTo(HeadKind.ARCFACE);
    assertThat(robot.lookup("#noticeLabel").queryAs(Label.class).getText())
        .startsWith("ArcFace: Adam 0.001");
    assertThat(robot.lookup("#marginSlider").queryAs(Slider.class).isDisabled()).isFalse();
    assertThat(robot.lookup("#lambdaSlider").queryAs(Slider.class).isDisabled())
        .as("center loss off")
        .isTrue();
    robot.interact(() -> robot.lookup("#marginSlider").queryAs(Slider.class).setValue(0.35));
    assertThat(trainer.get().lastRecord().margin()).isEqualTo(0.35);
    assertThat(robot.lookup("#marginValue").queryAs(Label.class).getText())
        .isEqualTo("0.35 rad (20.1°)");
    robot.interact(() -> robot.lookup("#scaleSlider").queryAs(Slider.class).setValue(30));
    assertThat(trainer.get().lastRecord().scale()).isEqualTo(30);

    robot.clickOn("#centerLossCheck");
    assertThat(trainer.get().lastRecord().lambda()).isGreaterThan(0);
    robot.clickOn("#centerLossCheck");
    assertThat(trainer.get().lastRecord().lambda()).isZero();
    assertThat(robot.lookup("#lambdaValue").queryAs(Label.class).getText()).isEqualTo("off");
  }

  @Test
  @DisplayName("the language menu switches the whole window at once, training state kept, and back")
  void languageSwitch(FxRobot robot) throws Exception {
    awaitState(State.PAUSED);
    robot.clickOn("#stepButton");
    waitFor(30, TimeUnit.SECONDS, () -> progress(robot).startsWith("step 1 "));
    try {
      robot.clickOn("#languageBox").clickOn("简体中文");
      waitFor(
          10,
          TimeUnit.SECONDS,
          () ->
              TestWindows.onFx(
                  () -> robot.lookup("#playButton").queryAs(Button.class).getText().equals("播放")));
      assertThat(robot.lookup(".tab-pane .tab .tab-label").queryAllAs(Labeled.class))
          .extracting(Labeled::getText)
          .contains("设置", "中心更新", "间隔", "开集", "导出");
      assertThat(progress(robot))
          .as("the run is still at its step")
          .startsWith("第 1 步 · 第 1 轮 · 测试准确率 ");
      waitFor(
          30,
          TimeUnit.SECONDS,
          () ->
              TestWindows.onFx(
                  () -> robot.lookup("#stateLabel").queryAs(Label.class).getText().equals("已暂停")));
      assertThat(robot.lookup(".root").query().getStyleClass()).contains("lang-zh-cn");
    } finally {
      robot.clickOn("#languageBox").clickOn("English");
    }
    waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            TestWindows.onFx(
                () -> robot.lookup("#playButton").queryAs(Button.class).getText().equals("Play")));
    assertThat(progress(robot)).startsWith("step 1 ");
    assertThat(Messages.language()).isEqualTo(Language.ENGLISH);

    // the windows built before let go of the keys: one Page Down turns one page, not three. With
    // recordings off: a recorded step would go on from its recording by branching, which this
    // replaying trainer cannot (recordedLesson tests that on a real one)
    TestWindows.onFx(
        () -> {
          session.lesson().setRecordings(null);
          session.lesson().open("margins");
          return null;
        });
    robot.type(KeyCode.PAGE_DOWN);
    waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            TestWindows.onFx(
                () ->
                    !robot
                        .lookup("#lessonProgressLabel")
                        .queryAs(Label.class)
                        .getText()
                        .equals("Step 1 of 7")));
    assertThat(
            TestWindows.onFx(
                () -> robot.lookup("#lessonProgressLabel").queryAs(Label.class).getText()))
        .isEqualTo("Step 2 of 7");
    TestWindows.onFx(
        () -> {
          session.lesson().leave();
          session.training().pause();
          return null;
        });
  }

  @Test
  @DisplayName(
      "A recorded lesson step (issue 27): shown at its end at once with a line saying how it was made; Train it live trains it for real")
  @RealTrainer // a replayed run cannot branch, and the step goes on live from the recording's end
  void recordedLesson(FxRobot robot) throws Exception {
    awaitState(State.PAUSED);
    TestWindows.onFx(() -> session.lesson().open("center-update"));
    robot.type(KeyCode.PAGE_DOWN);
    waitFor(
        30,
        TimeUnit.SECONDS,
        () ->
            TestWindows.onFx(
                () ->
                    robot
                        .lookup("#lessonRecordingLabel")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith("Recording made by Center Loss Lab ")));
    assertThat(robot.lookup("#lessonRecordingLabel").queryAs(Label.class).getText())
        .contains("on the CPU")
        .contains("seed 1: shown at step 200, where this step ends.");
    assertThat(trainer.get().calls).contains("branch 200").doesNotContain("playUntil 200");
    assertThat(latestStep()).as("the recording's end, at once").isEqualTo(200);
    assertThat(TestWindows.onFx(() -> robot.lookup("#lessonTrainLiveButton").query().isVisible()))
        .isTrue();
    robot.clickOn("#lessonTrainLiveButton");
    waitFor(
        10,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> !robot.lookup("#lessonTrainLiveButton").query().isVisible()));
    assertThat(robot.lookup("#lessonRecordingLabel").queryAs(Label.class).getText())
        .isEqualTo("Training live from seed 1, as the step says.");
    waitFor(10, TimeUnit.SECONDS, () -> trainer.get().calls.contains("playUntil 200"));
    TestWindows.onFx(
        () -> {
          session.lesson().leave();
          session.training().pause();
          return null;
        });
  }

  @Test
  @DisplayName(
      "Lessons: the menu opens one; Page Down trains to exactly its step; a highlight glows; leaving keeps the run")
  void lesson(FxRobot robot, @TempDir Path folder) throws Exception {
    robot.clickOn("#lessonMenu").clickOn("#lesson-softmax-alone");
    waitFor(
        10,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> robot.lookup("#lessonPanel").query().isVisible()));
    assertThat(robot.lookup("#lessonProgressLabel").queryAs(Label.class).getText())
        .isEqualTo("Step 1 of 6");
    assertThat(robot.lookup("#lessonNarrationLabel").queryAs(Label.class).getText())
        .startsWith("This network turns");
    robot.clickOn("#lessonLeaveButton");
    waitFor(
        10,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> !robot.lookup("#lessonPanel").query().isVisible()));

    Path file = folder.resolve("short.json");
    Files.writeString(
        file,
        """
                {"format": 1, "name": "short", "title": {"en": "Short", "zh-CN": "短"}, "steps": [
                  {"narration": {"en": "Small batches.", "zh-CN": "小批次。"}, "settings": {"batch_size": 16, "lambda": 0.2}},
                  {"narration": {"en": "Twelve steps.", "zh-CN": "十二步。"}, "action": {"type": "train", "until_step": 12}},
                  {"narration": {"en": "This slider.", "zh-CN": "这个滑块。"}, "action": {"type": "highlight", "control": "lambdaSlider"}}
                ]}""");
    awaitState(State.PAUSED);
    TestWindows.onFx(() -> session.lesson().open(file.toString()));
    robot.type(KeyCode.PAGE_DOWN);
    waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            TestWindows.onFx(
                () ->
                    robot
                        .lookup("#lessonProgressLabel")
                        .queryAs(Label.class)
                        .getText()
                        .equals("Step 2 of 3")));
    waitFor(
        60,
        TimeUnit.SECONDS,
        () -> latestStep() >= 12 && session.training().stateProperty().get() == State.PAUSED);
    assertThat(latestStep()).as("paused at exactly the step asked for").isEqualTo(12);
    robot.type(KeyCode.PAGE_DOWN);
    waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            TestWindows.onFx(
                () ->
                    robot
                        .lookup("#lambdaSlider")
                        .query()
                        .getStyleClass()
                        .contains("lesson-highlight")));
    robot.clickOn("#lessonLeaveButton");
    waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            TestWindows.onFx(
                () ->
                    !robot
                        .lookup("#lambdaSlider")
                        .query()
                        .getStyleClass()
                        .contains("lesson-highlight")));
    assertThat(TestWindows.onFx(() -> session.training().hyperparametersProperty().get().lambda()))
        .isEqualTo(0.2);
    assertThat(latestStep()).isEqualTo(12);
  }

  @Test
  @DisplayName("after a reset the charts draw no line of the run before")
  void chartsForgetTheRunBefore(FxRobot robot) throws Exception {
    awaitState(State.PAUSED);
    for (int i = 1; i <= 3; i++) {
      robot.clickOn("#stepButton");
      int step = i;
      waitFor(
          60,
          TimeUnit.SECONDS,
          () -> latestStep() == step && session.training().stateProperty().get() == State.PAUSED);
    }
    waitFor(
        10,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> lossLine(robot).getElements().size() >= 3));
    robot.clickOn("#resetButton");
    waitFor(
        10,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> lossLine(robot).getElements().isEmpty()));
  }

  private static javafx.scene.shape.Path lossLine(FxRobot robot) {
    return (javafx.scene.shape.Path)
        robot.lookup(".chart-series-line").queryAll().iterator().next();
  }

  @Test
  @RealTrainer
  @DisplayName(
      "a stroke on the drawing pad goes through the live network and lands on the plane, marked")
  void drawingPad(FxRobot robot) throws Exception {
    awaitState(State.PAUSED);
    robot.clickOn("#stepButton");
    waitFor(
        60,
        TimeUnit.SECONDS,
        () -> latestStep() == 1 && session.training().stateProperty().get() == State.PAUSED);
    robot.clickOn("Open set");
    Canvas pad = robot.lookup("#pad").queryAs(Canvas.class);
    Label verdict = robot.lookup("#verdictLabel").queryAs(Label.class);
    assertThat(verdict.getText()).isEqualTo("Nothing drawn yet.");
    // the pad sits below the panel's fold: scroll it into view, as a teacher would
    robot.interact(
        () -> {
          ScrollPane scroll =
              (ScrollPane)
                  robot.lookup(".controls-scroll").queryAll().stream()
                      .filter(Node::isVisible)
                      .filter(n -> n.lookup("#pad") == pad)
                      .findFirst()
                      .orElseThrow();
          double padTop = scroll.getContent().sceneToLocal(pad.localToScene(0, 0)).getY();
          double room =
              scroll.getContent().getLayoutBounds().getHeight()
                  - scroll.getViewportBounds().getHeight();
          scroll.setVvalue(Math.min(1, Math.max(0, (padTop - 10) / room)));
        });
    robot.moveTo(pad, Pos.TOP_LEFT, new Point2D(60, 40), Motion.DIRECT).press(MouseButton.PRIMARY);
    robot
        .moveBy(70, 10)
        .moveBy(-40, 50)
        .moveBy(45, 50)
        .moveBy(-70, 10)
        .release(MouseButton.PRIMARY);
    try {
      waitFor(
          30,
          TimeUnit.SECONDS,
          () -> TestWindows.onFx(() -> verdict.getText().startsWith("Network after step 1:")));
    } catch (TimeoutException e) {
      assertThat(TestWindows.onFx(verdict::getText)).startsWith("Network after step 1:");
    }
    assertThat(TestWindows.onFx(() -> session.drawingPad().planeMark())).isNotNull();
    robot.clickOn("#clearButton");
    assertThat(TestWindows.onFx(verdict::getText)).isEqualTo("Nothing drawn yet.");
  }

  @Test
  @DisplayName("B or . blanks the screen and back; while blank, Space does not start training")
  void blankScreen(FxRobot robot) throws Exception {
    awaitState(State.PAUSED);
    robot.type(KeyCode.B);
    waitFor(
        10,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> !robot.lookup(".lab-root").query().isVisible()));
    robot.type(KeyCode.SPACE);
    robot.type(KeyCode.PERIOD);
    waitFor(
        10,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> robot.lookup(".lab-root").query().isVisible()));
    // had the Space started training, the run would be past step 1 when Step's pause comes
    robot.clickOn("#stepButton");
    waitFor(
        60,
        TimeUnit.SECONDS,
        () -> latestStep() >= 1 && session.training().stateProperty().get() == State.PAUSED);
    assertThat(latestStep()).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "Compare: four planes from one seed, one Step moves them all, the train/test pair, Back returns to the one run")
  void comparison(FxRobot robot) throws Exception {
    awaitState(State.PAUSED);
    robot.clickOn("#compareToggle");
    assertThat(robot.lookup("#singleRun").query().isVisible()).isFalse();
    assertThat(robot.lookup("#compareRoot").query().isVisible()).isTrue();
    waitFor(
        90,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> session.compare().canTrainProperty().get()));
    assertThat(robot.lookup(".compare-pane").queryAll()).hasSize(4);
    assertThat(robot.lookup(".pane-title").queryAllAs(Label.class))
        .extracting(Label::getText)
        .containsExactly("λ = 0", "λ = 0.01", "λ = 0.1", "λ = 1");
    robot.clickOn("#compareStepButton");
    waitFor(
        60,
        TimeUnit.SECONDS,
        () ->
            TestWindows.onFx(
                () ->
                    robot
                        .lookup("#comparePositionLabel")
                        .queryAs(Label.class)
                        .getText()
                        .equals("step 1")));
    waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            TestWindows.onFx(
                () ->
                    robot.lookup(".pane-numbers").queryAllAs(Label.class).stream()
                        .allMatch(l -> l.getText().startsWith("probe of step 1: accuracy "))));

    robot.clickOn("#comparePresetBox").clickOn("Training images / test images of one run");
    robot.clickOn("#compareApplyButton");
    waitFor(
        10,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> robot.lookup(".compare-pane").queryAll().size() == 2));
    assertThat(robot.lookup(".pane-title").queryAllAs(Label.class))
        .extracting(Label::getText)
        .containsExactly("Training images", "Test images");

    // copy this run and change one thing: another setting keeps a value in its box
    robot.clickOn("#comparePresetBox").clickOn("Copy this run, change one setting");
    robot.clickOn("#compareChangeSettingBox").clickOn("head");
    @SuppressWarnings("unchecked")
    ComboBox<String> values = robot.lookup("#compareChangeValueBox").queryAs(ComboBox.class);
    assertThat(TestWindows.onFx(values::getValue)).isEqualTo("normface");
    assertThat(TestWindows.onFx(() -> values.getConverter().toString(values.getValue())))
        .isEqualTo("NormFace");
    robot.clickOn("#compareApplyButton");
    waitFor(
        10,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> robot.lookup(".compare-pane").queryAll().size() == 2));
    assertThat(robot.lookup(".pane-title").queryAllAs(Label.class))
        .extracting(Label::getText)
        .containsExactly("This run: head = Softmax", "Copy: head = NormFace");

    robot.clickOn("#compareBackButton");
    assertThat(robot.lookup("#singleRun").query().isVisible()).isTrue();
    assertThat(robot.lookup("#compareRoot").query().isVisible()).isFalse();
    assertThat(session.training().stateProperty().get()).isEqualTo(State.PAUSED);
  }

  @Test
  @DisplayName("Step trains one batch and stays paused; Play runs; Pause stops; Reset starts again")
  void transport(FxRobot robot) throws Exception {
    awaitState(State.PAUSED);
    waitFor(
        10,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> robot.lookup("#startHint").query().isVisible()));
    robot.clickOn("#stepButton");
    waitFor(30, TimeUnit.SECONDS, () -> progress(robot).startsWith("step 1 "));
    assertThat(session.training().stateProperty().get()).isEqualTo(State.PAUSED);
    waitFor(
        10,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> !robot.lookup("#startHint").query().isVisible()));

    robot.clickOn("#playButton");
    awaitState(State.RUNNING);
    assertThat(robot.lookup("#playButton").queryAs(Button.class).getText()).isEqualTo("Pause");
    waitFor(30, TimeUnit.SECONDS, () -> latestStep() >= 5);
    robot.clickOn("#playButton");
    awaitState(State.PAUSED);
    // Paused: a step asked for now is the next one; none came in between.
    long stepWhenPaused = latestStep();
    robot.clickOn("#stepButton");
    waitFor(30, TimeUnit.SECONDS, () -> latestStep() > stepWhenPaused);
    assertThat(latestStep()).isEqualTo(stepWhenPaused + 1);

    robot.clickOn("#resetButton");
    waitFor(10, TimeUnit.SECONDS, () -> progress(robot).equals("step 0"));
    robot.type(KeyCode.RIGHT); // the keyboard's step
    waitFor(30, TimeUnit.SECONDS, () -> progress(robot).startsWith("step 1 "));
  }

  @Test
  @DisplayName(
      "before Play the plane shows the untrained network's features; after steps, points in the digits' colors")
  void canvasShowsColoredPoints(FxRobot robot) throws Exception {
    awaitState(State.PAUSED);
    waitFor(30, TimeUnit.SECONDS, () -> digitsWithPixels(robot) == 10);
    for (int i = 0; i < 3; i++) {
      robot.clickOn("#stepButton");
      int expected = i + 1;
      waitFor(30, TimeUnit.SECONDS, () -> progress(robot).startsWith("step " + expected + " "));
    }
    waitFor(10, TimeUnit.SECONDS, () -> digitsWithPixels(robot) == 10);
  }

  /** How many digits have more than 20 pixels of their color on the plane now. */
  private int digitsWithPixels(FxRobot robot) throws Exception {
    var canvas = robot.lookup("#mainPlane").queryAs(FeaturePlane.class).canvas();
    AtomicReference<WritableImage> image = new AtomicReference<>();
    robot.interact(() -> image.set(canvas.snapshot(null, null)));
    PixelReader pixels = image.get().getPixelReader();
    int[] perDigit = new int[10];
    for (int y = 0; y < (int) image.get().getHeight(); y++) {
      for (int x = 0; x < (int) image.get().getWidth(); x++) {
        Color c = pixels.getColor(x, y);
        for (int d = 0; d < 10; d++) {
          if (close(c, Palette.color(d, true))) {
            perDigit[d]++;
          }
        }
      }
    }
    int digits = 0;
    for (int d = 0; d < 10; d++) {
      digits += perDigit[d] > 20 ? 1 : 0;
    }
    return digits;
  }

  private static boolean close(Color a, Color b) {
    return Math.abs(a.getRed() - b.getRed()) < 0.03
        && Math.abs(a.getGreen() - b.getGreen()) < 0.03
        && Math.abs(a.getBlue() - b.getBlue()) < 0.03;
  }

  @Test
  @DisplayName(
      "dragging the scrubber shows an earlier step while training goes on; Live returns to the end")
  void scrubber(FxRobot robot) throws Exception {
    awaitState(State.PAUSED);
    robot.interact(() -> session.training().stepsPerSecondProperty().set(20.0));
    robot.clickOn("#playButton");
    waitFor(60, TimeUnit.SECONDS, () -> latestStep() >= 20);
    robot.drag("#scrubber .thumb").moveBy(-300, 0).release(MouseButton.PRIMARY);
    long shown = TestWindows.onFx(() -> session.history().shownProperty().getValue().step());
    assertThat(shown).isLessThan(latestStep());
    assertThat(TestWindows.onFx(() -> session.history().cursorProperty().get())).isEqualTo(shown);
    waitFor(30, TimeUnit.SECONDS, () -> latestStep() > shown + 5);
    assertThat(TestWindows.onFx(() -> session.history().shownProperty().getValue().step()))
        .as("the class looks at the past while training goes on")
        .isEqualTo(shown);
    assertThat(progress(robot)).startsWith("step " + shown + " ").contains("(of ");
    robot.clickOn("#liveButton");
    waitFor(
        10,
        TimeUnit.SECONDS,
        () -> TestWindows.onFx(() -> session.history().cursorProperty().get() == null));
    robot.clickOn("#playButton");
    awaitState(State.PAUSED);
  }

  @Test
  @DisplayName("a broken data folder shows the reader's message and a way to choose another folder")
  void brokenDataFolder(FxRobot robot) throws Exception {
    Path nowhere = Path.of("/no/such/mnist");
    robot.interact(() -> session.training().useDataFolder(nowhere));
    awaitState(State.NO_DATA);
    waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#problemBox").query().isVisible());
    assertThat(robot.lookup("#problemLabel").queryAs(Label.class).getText())
        .isEqualTo("Data folder /no/such/mnist does not exist or is not a folder.");
    assertThat(robot.lookup("#chooseDataButton").query().isVisible()).isTrue();
    assertThat(robot.lookup("#restartButton").query().isVisible())
        .isFalse(); // the data, not libtorch
    assertThat(robot.lookup("#playButton").queryAs(Button.class).isDisabled()).isTrue();
    assertThat(stage.isShowing()).isTrue();
    // and back: the bundled folder loads again
    robot.interact(() -> session.training().useDataFolder(TestData.bundledFolder()));
    awaitState(State.PAUSED);
    assertThat(robot.lookup("#problemBox").query().isVisible()).isFalse();
  }
}
