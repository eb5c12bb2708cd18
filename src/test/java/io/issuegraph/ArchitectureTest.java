package io.issuegraph;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The package rules of docs/architecture.md#who-may-use-whom, as code. */
class ArchitectureTest {

    private static final String IDENTITY = "io.issuegraph.identity..";
    private static final String ACCOUNT = "io.issuegraph.account..";
    private static final String ISSUE = "io.issuegraph.issue..";
    private static final String GOTRUE = "io.issuegraph.gotrue..";
    private static final String WEB = "io.issuegraph.web..";

    /** The compiled main sources only: scanning the whole class path for the package would read every jar. */
    private static final JavaClasses PRODUCTION = new ClassFileImporter().importPath(Path.of("target", "classes"));

    static final ArchRule IDENTITY_KNOWS_NO_FEATURE = noClasses().that().resideInAPackage(IDENTITY)
            .should().dependOnClassesThat().resideInAnyPackage(ACCOUNT, ISSUE, WEB)
            .because("identity only says who the caller is; it declares interfaces for what it needs from others");

    static final ArchRule ISSUE_KNOWS_NO_ACCOUNT = noClasses().that().resideInAPackage(ISSUE)
            .should().dependOnClassesThat().resideInAnyPackage(ACCOUNT, GOTRUE, WEB)
            .because("the guard against closed accounts is issue's own interface, implemented by account");

    static final ArchRule GOTRUE_KNOWS_NO_FEATURE = noClasses().that().resideInAPackage(GOTRUE)
            .should().dependOnClassesThat().resideInAnyPackage(IDENTITY, ACCOUNT, ISSUE, WEB)
            .because("gotrue is a client of an outside service");

    static final ArchRule PLUMBING_KNOWS_NO_FEATURE = noClasses()
            .that().resideInAnyPackage("io.issuegraph.graphql..", "io.issuegraph.database..")
            .should().dependOnClassesThat().resideInAnyPackage(IDENTITY, ACCOUNT, ISSUE, GOTRUE, WEB);

    static final ArchRule NOTHING_USES_THE_EDGE = noClasses().that().resideOutsideOfPackage(WEB)
            .should().dependOnClassesThat().resideInAPackage(WEB);

    @Test
    void identityKnowsNothingOfAccountsOrIssues() {
        IDENTITY_KNOWS_NO_FEATURE.check(PRODUCTION);
    }

    @Test
    void issueKnowsNothingOfAccounts() {
        ISSUE_KNOWS_NO_ACCOUNT.check(PRODUCTION);
    }

    @Test
    void gotrueKnowsNoFeature() {
        GOTRUE_KNOWS_NO_FEATURE.check(PRODUCTION);
    }

    @Test
    void graphqlAndDatabaseKnowNoFeature() {
        PLUMBING_KNOWS_NO_FEATURE.check(PRODUCTION);
    }

    @Test
    void nothingDependsOnTheHttpEdge() {
        NOTHING_USES_THE_EDGE.check(PRODUCTION);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.issuegraph.(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    /** The rules catch what they are for: two classes in the test sources break them on purpose. */
    @Test
    void theRulesFailOnAViolation() {
        JavaClasses violations = new ClassFileImporter()
                .importClasses(io.issuegraph.identity.ViolatesTheIdentityRule.class, io.issuegraph.issue.ViolatesTheIssueRule.class);
        assertThatThrownBy(() -> IDENTITY_KNOWS_NO_FEATURE.check(violations))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ViolatesTheIdentityRule");
        assertThatThrownBy(() -> ISSUE_KNOWS_NO_ACCOUNT.check(violations))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ViolatesTheIssueRule");
    }
}
