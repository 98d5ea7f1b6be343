package org.caregate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The architecture: one package per feature, modules talk only through each other's root package,
 * no cycles. Also writes the module diagrams under docs/modules.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(CaregateApplication.class);
    static final Path DOCS = Path.of("docs/modules");

    @Test
    void modulesOnlyUseEachOthersPublicApi() {
        MODULES.verify();
    }

    @Test
    void writesModuleDocumentation() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();

        try (var files = Files.list(DOCS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                Files.writeString(file, withRelationsSorted(Files.readString(file)));
            }
        }

        // An SVG of the whole, so the diagram reads on any code host; PlantUML's own layout engine
        // (Smetana) needs no Graphviz installed.
        String source = Files.readString(DOCS.resolve("components.puml"))
                .replaceFirst("@startuml", "@startuml\n!pragma layout smetana");
        try (OutputStream svg = Files.newOutputStream(DOCS.resolve("components.svg"))) {
            new SourceStringReader(source).outputImage(svg, new FileFormatOption(FileFormat.SVG));
        }
        assertThat(Files.readString(DOCS.resolve("components.svg"))).contains("<svg", "Patient", "Organisations");
    }

    /**
     * The documenter lists relations in no fixed order; sorting each run of them keeps the committed
     * diagrams unchanged by a build that changed no dependency.
     */
    static String withRelationsSorted(String plantUml) {
        List<String> lines = new ArrayList<>(plantUml.lines().toList());
        for (int start = 0; start < lines.size(); start++) {
            int end = start;
            while (end < lines.size() && lines.get(end).startsWith("Rel(")) {
                end++;
            }
            Collections.sort(lines.subList(start, end));
            start = end;
        }
        return String.join("\n", lines) + "\n";
    }

    @AnalyzeClasses(packages = "org.caregate", importOptions = ImportOption.DoNotIncludeTests.class)
    static class Rules {

        /** Internals stay internal even where Modulith would allow a declared dependency. */
        @ArchTest
        static final ArchRule noModuleReachesIntoAnotherModulesInternals =
                noClasses().should(new DependOnAnotherModulesInternals());

        /** Only the FHIR API serves FHIR over HTTP: HAPI's server classes stay inside it. */
        @ArchTest
        static final ArchRule onlyTheFhirApiUsesHapisServer = noClasses()
                .that().resideOutsideOfPackage("org.caregate.fhirapi..")
                .should().dependOnClassesThat().resideInAnyPackage("ca.uhn.fhir.rest.server..", "ca.uhn.fhir.rest.annotation..");

        /** Only the database platform code may touch the embedded PostgreSQL library. */
        @ArchTest
        static final ArchRule onlyThePlatformStartsPostgres = noClasses()
                .that().resideOutsideOfPackage("org.caregate.platform..")
                .should().dependOnClassesThat().resideInAPackage("io.zonky..");
    }

    static final class DependOnAnotherModulesInternals extends ArchCondition<JavaClass> {

        private static final String ROOT = "org.caregate";

        DependOnAnotherModulesInternals() {
            super("depend on a class inside another module's sub-packages");
        }

        @Override
        public void check(JavaClass origin, ConditionEvents events) {
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                String target = dependency.getTargetClass().getPackageName();
                boolean internal = target.startsWith(ROOT + ".") && !target.equals(ROOT + "." + module(target));
                if (internal && !module(target).equals(module(origin.getPackageName()))) {
                    events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                }
            }
        }

        /** The module a package belongs to: the first segment below the root ("" for the root itself). */
        private static String module(String packageName) {
            if (!packageName.startsWith(ROOT + ".")) {
                return "";
            }
            String rest = packageName.substring(ROOT.length() + 1);
            int dot = rest.indexOf('.');
            return dot < 0 ? rest : rest.substring(0, dot);
        }
    }
}
