package lab.centerloss;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: ui -> train -> data and cli -> train -> data; plot (drawing) and
 * export (file formats) serve ui and cli and know neither.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("lab.centerloss");

    static final ArchRule dataDependsOnNothingOfOurs = noClasses().that().resideInAPackage("..centerloss.data..")
            .should().dependOnClassesThat().resideInAnyPackage("..centerloss.train..", "..centerloss.ui..",
                    "..centerloss.cli..", "..centerloss.export..");

    static final ArchRule trainDoesNotKnowItsUsers = noClasses().that().resideInAPackage("..centerloss.train..")
            .should().dependOnClassesThat().resideInAnyPackage("..centerloss.ui..", "..centerloss.cli..",
                    "..centerloss.export..");

    static final ArchRule trainNeverTouchesJavaFx = noClasses().that().resideInAnyPackage("..centerloss.train..",
                    "..centerloss.data..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..");

    static final ArchRule uiNeverTouchesTensors = noClasses().that().resideInAnyPackage("..centerloss.ui..",
                    "..centerloss.cli..", "..centerloss.export..", "..centerloss.plot..")
            .should().dependOnClassesThat().resideInAnyPackage("org.bytedeco..");

    static final ArchRule exportDoesNotKnowItsUsers = noClasses().that().resideInAPackage("..centerloss.export..")
            .should().dependOnClassesThat().resideInAnyPackage("..centerloss.ui..", "..centerloss.cli..");

    static final ArchRule plotDoesNotKnowItsUsers = noClasses().that().resideInAPackage("..centerloss.plot..")
            .should().dependOnClassesThat().resideInAnyPackage("..centerloss.ui..", "..centerloss.cli..");

    static final ArchRule uiAndCliAreIndependent = noClasses().that().resideInAPackage("..centerloss.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("..centerloss.ui..");

    static final ArchRule noCycles = slices().matching("lab.centerloss.(*)..").should().beFreeOfCycles();

    @Test
    void layersPointOneWay() {
        List<ArchRule> rules = List.of(dataDependsOnNothingOfOurs, trainDoesNotKnowItsUsers, trainNeverTouchesJavaFx,
                uiNeverTouchesTensors, exportDoesNotKnowItsUsers, plotDoesNotKnowItsUsers, uiAndCliAreIndependent, noCycles);
        rules.forEach(rule -> rule.check(CLASSES));
    }

    @Test
    void theRulesSeeOurClasses() {
        org.assertj.core.api.Assertions.assertThat(CLASSES.containPackage("lab.centerloss.train")).isTrue();
        org.assertj.core.api.Assertions.assertThat(CLASSES.containPackage("lab.centerloss.cli")).isTrue();
    }
}
