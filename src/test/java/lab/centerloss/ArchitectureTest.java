package lab.centerloss;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: ui and cli -> plot and export -> train -> data, with text (the
 * message bundles) beneath them all. Inside ui, the panels meet only through the run model and the
 * shell: no panel knows another, and nothing below the shell knows the shell.
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

  static final ArchRule textKnowsNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("..centerloss.text..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..centerloss.data..",
              "..centerloss.train..",
              "..centerloss.ui..",
              "..centerloss.cli..",
              "..centerloss.export..",
              "..centerloss.plot..");

  static final ArchRule dataDependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("..centerloss.data..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..centerloss.train..",
              "..centerloss.ui..",
              "..centerloss.cli..",
              "..centerloss.export..",
              "..centerloss.plot..");

  static final ArchRule trainDoesNotKnowItsUsers =
      noClasses()
          .that()
          .resideInAPackage("..centerloss.train..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..centerloss.ui..",
              "..centerloss.cli..",
              "..centerloss.export..",
              "..centerloss.plot..");

  static final ArchRule trainNeverTouchesJavaFx =
      noClasses()
          .that()
          .resideInAnyPackage("..centerloss.train..", "..centerloss.data..", "..centerloss.text..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..");

  static final ArchRule uiNeverTouchesTensors =
      noClasses()
          .that()
          .resideInAnyPackage(
              "..centerloss.ui..",
              "..centerloss.cli..",
              "..centerloss.export..",
              "..centerloss.plot..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.bytedeco..");

  static final ArchRule exportDoesNotKnowItsUsers =
      noClasses()
          .that()
          .resideInAPackage("..centerloss.export..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..centerloss.ui..", "..centerloss.cli..");

  static final ArchRule plotDoesNotKnowItsUsers =
      noClasses()
          .that()
          .resideInAPackage("..centerloss.plot..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..centerloss.ui..", "..centerloss.cli..");

  static final ArchRule uiAndCliAreIndependent =
      noClasses()
          .that()
          .resideInAPackage("..centerloss.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..centerloss.ui..");

  /**
   * Lessons are data over the trainer's settings: they drive the window, the window does not reach
   * into them.
   */
  static final ArchRule lessonsDoNotKnowTheirUsers =
      noClasses()
          .that()
          .resideInAPackage("..centerloss.lesson..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..centerloss.ui..",
              "..centerloss.cli..",
              "..centerloss.export..",
              "..centerloss.plot..",
              "javafx..",
              "org.bytedeco..");

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
  @DisplayName("the layers point one way, without cycles")
  void layersPointOneWay() {
    List<ArchRule> rules =
        List.of(
            textKnowsNothingOfOurs,
            dataDependsOnNothingOfOurs,
            trainDoesNotKnowItsUsers,
            trainNeverTouchesJavaFx,
            uiNeverTouchesTensors,
            exportDoesNotKnowItsUsers,
            plotDoesNotKnowItsUsers,
            uiAndCliAreIndependent,
            lessonsDoNotKnowTheirUsers,
            noCycles);
    rules.forEach(rule -> rule.check(CLASSES));
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
