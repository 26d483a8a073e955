package lab.centerloss;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.centerloss.text.Message;
import lab.centerloss.text.Messages;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The design, as rules the build keeps true. Layers, each depending only on those beneath it:
 *
 * <pre>
 *   lab.centerloss (Main, the top-level command)
 *   ui | cli                  the window | the command line; neither knows the other
 *   plot, lesson              drawing planes and pages | lessons as data
 *   store                     run files
 *   export                    files written for others (images, CSV, JSON)
 *   train                     libtorch: models, losses, the trainer, the training loop
 *   data                      MNIST and digit preparation
 *   text                      messages, ids, name and version, beneath all
 * </pre>
 *
 * Every class of ours is in exactly one layer. Only train touches libtorch; nothing below ui and
 * plot touches JavaFX. Inside ui, the panels meet only through the run model and the shell: no
 * panel knows another, and nothing below the shell knows the shell.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("lab.centerloss");

  private static final String[] PANELS = {
    "..ui.toolbar..",
    "..ui.controls..",
    "..ui.stepthrough..",
    "..ui.export..",
    "..ui.charts..",
    "..ui.status..",
    "..ui.problem..",
    "..ui.margin..",
    "..ui.timeline..",
    "..ui.openset..",
    "..ui.lesson.."
  };

  /** The layers of the class comment, top to bottom. */
  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .ensureAllClassesAreContainedInArchitecture()
          .layer("app")
          .definedBy("lab.centerloss")
          .layer("ui")
          .definedBy("lab.centerloss.ui..")
          .layer("cli")
          .definedBy("lab.centerloss.cli..")
          .layer("plot")
          .definedBy("lab.centerloss.plot..")
          .layer("lesson")
          .definedBy("lab.centerloss.lesson..")
          .layer("store")
          .definedBy("lab.centerloss.store..")
          .layer("export")
          .definedBy("lab.centerloss.export..")
          .layer("train")
          .definedBy("lab.centerloss.train..")
          .layer("data")
          .definedBy("lab.centerloss.data..")
          .layer("text")
          .definedBy("lab.centerloss.text..")
          .whereLayer("app")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("ui")
          .mayOnlyBeAccessedByLayers("app")
          .whereLayer("cli")
          .mayOnlyBeAccessedByLayers("app")
          .whereLayer("plot")
          .mayOnlyBeAccessedByLayers("app", "ui", "cli")
          .whereLayer("lesson")
          .mayOnlyBeAccessedByLayers("app", "ui", "cli")
          .whereLayer("store")
          .mayOnlyBeAccessedByLayers("app", "ui", "cli", "plot", "lesson")
          .whereLayer("export")
          .mayOnlyBeAccessedByLayers("app", "ui", "cli", "plot", "lesson", "store")
          .whereLayer("train")
          .mayOnlyBeAccessedByLayers("app", "ui", "cli", "plot", "lesson", "store", "export")
          .whereLayer("data")
          .mayOnlyBeAccessedByLayers(
              "app", "ui", "cli", "plot", "lesson", "store", "export", "train")
          .whereLayer("text")
          .mayOnlyBeAccessedByLayers(
              "app", "ui", "cli", "plot", "lesson", "store", "export", "train", "data");

  /** libtorch lives behind train: nothing else holds a tensor. */
  static final ArchRule onlyTrainTouchesLibtorch =
      noClasses()
          .that()
          .resideOutsideOfPackage("lab.centerloss.train..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.bytedeco..");

  /** The engine and what it stands on run headless: no JavaFX below the window and the drawings. */
  static final ArchRule noJavaFxBeneathTheViews =
      noClasses()
          .that()
          .resideInAnyPackage(
              "lab.centerloss.train..",
              "lab.centerloss.data..",
              "lab.centerloss.text..",
              "lab.centerloss.store..",
              "lab.centerloss.lesson..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..");

  /**
   * Below the window and the command line, text travels as messages (key and arguments): nothing
   * there puts a sentence into words, so a language switch needs nothing from the engine. An
   * exception may say its message when asked ({@code getMessage}, Java's contract), and a file
   * format records its sentences in the files' language ({@link Message#forFiles()}).
   */
  static final ArchRule nothingBeneathTheViewsSaysASentence =
      noClasses()
          .that()
          .resideInAnyPackage(
              "lab.centerloss.data..",
              "lab.centerloss.train..",
              "lab.centerloss.store..",
              "lab.centerloss.lesson..",
              "lab.centerloss.export..")
          .should()
          .callMethodWhere(
              DescribedPredicate.describe(
                  "a method that puts a message into the language in use",
                  (JavaMethodCall call) -> {
                    String owner = call.getTargetOwner().getName();
                    String name = call.getName();
                    boolean inWords =
                        owner.equals(Messages.class.getName())
                                && (name.equals("text") || name.equals("label"))
                            || owner.equals(Message.class.getName())
                                && (name.equals("render") || name.equals("toString"));
                    return inWords && !call.getOrigin().getName().equals("getMessage");
                  }));

  static final ArchRule noCycles =
      slices().matching("lab.centerloss.(*)..").should().beFreeOfCycles();

  /** Below the shell, nothing knows the shell ({@code lab.centerloss.ui} itself). */
  static final ArchRule nothingBelowKnowsTheShell =
      noClasses()
          .that()
          .resideInAnyPackage("..ui.*..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("lab.centerloss.ui");

  /** The run model and the shared pieces know no panel. */
  static final ArchRule modelKnowsNoPanel =
      noClasses()
          .that()
          .resideInAnyPackage("..ui.model..", "..ui.common..", "..ui.plane..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(PANELS);

  /** No panel depends on another panel. */
  static List<ArchRule> panelsMeetOnlyThroughTheModel() {
    List<ArchRule> rules = new ArrayList<>();
    for (String panel : PANELS) {
      String[] others = Arrays.stream(PANELS).filter(p -> !p.equals(panel)).toArray(String[]::new);
      rules.add(
          noClasses()
              .that()
              .resideInAPackage(panel)
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(others));
    }
    return rules;
  }

  @Test
  @DisplayName("the layers point one way, every class is in one, without cycles")
  void layersPointOneWay() {
    List.of(
            layers,
            onlyTrainTouchesLibtorch,
            noJavaFxBeneathTheViews,
            nothingBeneathTheViewsSaysASentence,
            noCycles)
        .forEach(rule -> rule.check(CLASSES));
  }

  @Test
  @DisplayName("the window's panels meet only through the run model and the shell")
  void panelsAreIndependent() {
    List.of(nothingBelowKnowsTheShell, modelKnowsNoPanel).forEach(rule -> rule.check(CLASSES));
    panelsMeetOnlyThroughTheModel().forEach(rule -> rule.check(CLASSES));
  }

  @Test
  void theRulesSeeOurClasses() {
    Assertions.assertThat(CLASSES.containPackage("lab.centerloss.train")).isTrue();
    Assertions.assertThat(CLASSES.containPackage("lab.centerloss.ui.stepthrough")).isTrue();
    Assertions.assertThat(CLASSES.containPackage("lab.centerloss.cli")).isTrue();
  }
}
