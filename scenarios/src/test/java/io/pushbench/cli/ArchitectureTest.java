package io.pushbench.cli;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.pushbench.core.engine.FloorRun;
import io.pushbench.core.engine.TransportRun;
import io.pushbench.core.result.RunResult;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering of the main sources, checked on the compiled classes of every module (this module
 * sees them all). Specs describe a run, the engine carries it out, results record it and reports
 * read the results: each layer may look down, never up. The reference server shares wire helpers
 * with the client ({@code io.pushbench.core.netty}, {@code io.pushbench.core.record}) but uses no
 * client driver class, so that the server under test never runs the code that measures it. The
 * engine reaches drivers through their SPI only; compare's orchestration is the engine's, not the CLI's.
 */
@AnalyzeClasses(packages = "io.pushbench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule specsAndResultsAreOnlyTheModel = classes()
            .that().resideInAnyPackage("io.pushbench.core.spec..", "io.pushbench.core.result..")
            .should().onlyDependOnClassesThat(outsidePushbenchOr(
                    "io.pushbench.core.spec..", "io.pushbench.core.result..", "io.pushbench.core.transport.."))
            .because("a result file must be readable without the engine or the drivers that produced it");

    @ArchTest
    static final ArchRule reportsReadResultsAndSpecsOnly = classes()
            .that().resideInAPackage("io.pushbench.report..")
            .should().onlyDependOnClassesThat(outsidePushbenchOr("io.pushbench.report..",
                    "io.pushbench.core.spec..", "io.pushbench.core.result..", "io.pushbench.core.transport..",
                    "io.pushbench.core.gate.."))
            .because("reports are drawn from saved results (and the checks judged on them), never from a live run");

    @ArchTest
    static final ArchRule checksJudgeSavedResults = classes()
            .that().resideInAPackage("io.pushbench.core.gate..")
            .should().onlyDependOnClassesThat(outsidePushbenchOr("io.pushbench.core.gate..",
                    "io.pushbench.core.spec..", "io.pushbench.core.result..", "io.pushbench.core.transport.."))
            .because("thresholds and regression checks judge saved results, so a report can apply them too");

    @ArchTest
    static final ArchRule driversDoNotReachIntoTheEngine = noClasses()
            .that().resideInAPackage("io.pushbench.core.driver..")
            .should().dependOnClassesThat().resideInAnyPackage("io.pushbench.core.engine..", "io.pushbench.core.result..")
            .because("the engine drives the drivers through their SPI, not the other way round");

    /*
     * Issue 16's acceptance, "no import from result, reports or driver into engine": none of those
     * packages imports the engine (engine.compare included). The other direction cannot hold and is
     * not meant: the engine produces results (so it imports the result model) and drives drivers (so it
     * imports their SPI). What it does not need is any driver's implementation or any report, so that
     * is checked instead, in the next rule.
     */
    @ArchTest
    static final ArchRule nothingBelowTheEngineImportsIt = noClasses()
            .that().resideInAnyPackage("io.pushbench.core.result..", "io.pushbench.report..",
                    "io.pushbench.core.driver..")
            .should().dependOnClassesThat().resideInAPackage("io.pushbench.core.engine..")
            .because("results, reports and drivers must be usable without the engine that runs them");

    @ArchTest
    static final ArchRule theEngineUsesTheDriverSpiOnly = noClasses()
            .that().resideInAPackage("io.pushbench.core.engine..")
            .should().dependOnClassesThat(resideInAPackage("io.pushbench.core.driver..")
                    .and(resideOutsideOfPackage("io.pushbench.core.driver")))
            .orShould().dependOnClassesThat().resideInAnyPackage("io.pushbench.report..", "io.pushbench.server..",
                    "io.pushbench.cli..")
            .because("the engine drives any driver through TransportDriver and Drivers, and reaches the servers it "
                    + "compares through ReferenceServers, which the CLI implements");

    @ArchTest
    static final ArchRule theCliLeavesCompareOrchestrationToTheEngine = noClasses()
            .that().resideInAPackage("io.pushbench.cli..")
            .should().callCodeUnitWhere(target(owner(belongToAnyOf(TransportRun.class, TransportRun.Builder.class,
                    FloorRun.class))))
            // Reading a saved RunResult (the landing page, reports) is the CLI's; making one is the engine's.
            .orShould().callConstructorWhere(target(owner(belongToAnyOf(RunResult.class))))
            .because("compare's floor, transport runs and result rewriting are engine.compare.Comparison's; the "
                    + "CLI parses options, supplies the servers and prints");

    @ArchTest
    static final ArchRule serversUseNoClientDriverClass = noClasses()
            .that().resideInAPackage("io.pushbench.server..")
            .should().dependOnClassesThat().resideInAnyPackage("io.pushbench.core.driver..", "io.pushbench.core.engine..")
            .because("the reference server shares wire helpers with the client, never its drivers");

    /** Classes of libraries and the JDK, or of pushbench in one of {@code packages}. */
    private static DescribedPredicate<JavaClass> outsidePushbenchOr(String... packages) {
        return resideOutsideOfPackage("io.pushbench..").or(resideInAnyPackage(packages));
    }
}
