package com.productos.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.Arrays;

/**
 * The package rules of the backend, checked on the main classes. Adding a package means placing it
 * in one of the groups below: a new executor family joins {@link #FAMILIES}; a new host of a
 * protocol library gets its own narrow exception (as {@code mcp.http} has for Jetty).
 */
@AnalyzeClasses(packages = "com.productos", importOptions = ImportOption.DoNotIncludeTests.class)
class ImportRulesTest {
    /** Executor families: each is deployable on its own, so none reaches into another or the control side. */
    static final String[] FAMILIES = {
        "com.productos.deploy..",
        "com.productos.observability..",
        "com.productos.brand..",
        "com.productos.analytics..",
        "com.productos.marketing.."
    };

    static final String[] JETTY_HOSTS = {"com.productos.executorserver..", "com.productos.mcp.http.."};

    @ArchTest
    static final ArchRule only_rpc_imports_lsp4j = noClasses()
            .that()
            .resideOutsideOfPackage("com.productos.rpc..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.eclipse.lsp4j..")
            .because("JSON-RPC framing is the rpc package's business alone");

    @ArchTest
    static final ArchRule only_the_executor_server_imports_jetty = noClasses()
            .that()
            .resideOutsideOfPackages(JETTY_HOSTS)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.eclipse.jetty..")
            .because("executors reach HTTP through the executor contract, not through Jetty");

    @ArchTest
    static final ArchRule families_are_independent = familiesAreIndependent();

    @ArchTest
    static final ArchRule families_stay_off_the_control_side = noClasses()
            .that()
            .resideInAnyPackage(FAMILIES)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "com.productos.control..",
                    "com.productos.rpc..",
                    "com.productos.store..",
                    "com.productos.app..",
                    "com.productos.cli..",
                    "com.productos.supervisor..",
                    "com.productos.mcp..",
                    "com.productos.daemon..")
            .because("a family sees only the executor contract and shared helpers");

    @ArchTest
    static final ArchRule contracts_stay_protocol_free = noClasses()
            .that()
            .resideInAnyPackage("com.productos.registry..", "com.productos.policy..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "com.productos.rpc..", "com.productos.control..", "org.eclipse.jetty..", "org.eclipse.lsp4j..")
            .because("the registry and policy are read by every side and depend on none of them");

    @ArchTest
    static final ArchRule no_package_cycles =
            slices().matching("com.productos.(*)..").should().beFreeOfCycles();

    /** One rule per family: none of its classes uses a class of any other family. */
    private static ArchRule familiesAreIndependent() {
        CompositeArchRule rule = null;
        for (String family : FAMILIES) {
            String[] others = Arrays.stream(FAMILIES)
                    .filter(other -> !other.equals(family))
                    .toArray(String[]::new);
            ArchRule one = noClasses()
                    .that()
                    .resideInAPackage(family)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .because("each executor family builds and runs on its own; shared code lives in common,"
                            + " logfiles or googlecloud, and cross-family data is wired in app");
            rule = rule == null ? CompositeArchRule.of(one) : rule.and(one);
        }
        return rule;
    }
}
