package io.issuegraph;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.annotation.AuthenticationPrincipal;

/** The package rules of docs/architecture.md#who-may-use-whom, as code. */
class ArchitectureTest {

    private static final String IDENTITY = "io.issuegraph.identity..";
    private static final String ACCOUNT = "io.issuegraph.account..";
    private static final String ISSUE = "io.issuegraph.issue..";
    private static final String GOTRUE = "io.issuegraph.gotrue..";
    private static final String WEB = "io.issuegraph.web..";
    private static final String LIVE = "io.issuegraph.live..";
    private static final String RATELIMIT = "io.issuegraph.ratelimit..";

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

    static final ArchRule NOTHING_USES_LIVE = noClasses().that().resideOutsideOfPackage(LIVE)
            .should().dependOnClassesThat().resideInAPackage(LIVE)
            .because("live reads the outbox that issue writes; nothing below it, issue least of all, knows of it");

    static final ArchRule RATELIMIT_USES_ONLY_IDENTITY_AND_GRAPHQL = noClasses().that().resideInAPackage(RATELIMIT)
            .should().dependOnClassesThat().resideInAnyPackage(ACCOUNT, ISSUE, GOTRUE, WEB, LIVE, "io.issuegraph.database..")
            .because("a rate limit needs the caller (identity) and the refusal vocabulary (graphql), nothing of the features");

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
    void nothingDependsOnLiveUpdates() {
        NOTHING_USES_LIVE.check(PRODUCTION);
    }

    @Test
    void rateLimitsUseOnlyIdentityAndGraphql() {
        RATELIMIT_USES_ONLY_IDENTITY_AND_GRAPHQL.check(PRODUCTION);
    }

    /** The map in docs/architecture.md is the code's: every arrow it shows exists, and no other does. */
    @Test
    void theMapInTheDocsIsTheCodesDependencies() throws IOException {
        assertThat(packageDependencies(PRODUCTION)).isEqualTo(documentedDependencies());
    }

    /** Each top-level package of io.issuegraph and the others it uses (the root package left out). */
    private static Map<String, Set<String>> packageDependencies(JavaClasses classes) {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (JavaClass from : classes) {
            String source = topLevelPackage(from);
            if (source == null) {
                continue;
            }
            Set<String> targets = uses.computeIfAbsent(source, any -> new TreeSet<>());
            for (Dependency dependency : from.getDirectDependenciesFromSelf()) {
                String target = topLevelPackage(dependency.getTargetClass());
                if (target != null && !target.equals(source)) {
                    targets.add(target);
                }
            }
        }
        return uses;
    }

    private static String topLevelPackage(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith("io.issuegraph.")) {
            return null; // the root package, or outside the application
        }
        return name.substring("io.issuegraph.".length()).split("\\.")[0];
    }

    /** The ```dependencies block of docs/architecture.md#who-may-use-whom: "a ──► b, c" per line. */
    private static Map<String, Set<String>> documentedDependencies() throws IOException {
        String docs = Files.readString(Path.of("docs", "architecture.md"));
        Matcher block = Pattern.compile("```dependencies\n(.*?)```", Pattern.DOTALL).matcher(docs);
        assertThat(block.find()).as("a ```dependencies block in docs/architecture.md").isTrue();
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String line : block.group(1).strip().split("\n")) {
            String[] sides = line.split("──►");
            Set<String> targets = new TreeSet<>(Arrays.asList(sides[1].strip().split(",\\s*")));
            targets.remove("(nothing)");
            uses.put(sides[0].strip(), targets);
        }
        return uses;
    }

    /**
     * A controller takes the caller as {@code IdentityAuthentication}, which Spring for GraphQL reads at once;
     * {@code @AuthenticationPrincipal} it always resolves as a {@code Mono}, and the call then waits behind
     * Reactor (docs/architecture.md#compiled-execution).
     */
    @Test
    void controllersTakeTheCallerAsAnArgumentReadAtOnce() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName(AuthenticationPrincipal.class.getName())
                .check(PRODUCTION);
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
        // and the map's reading of the code sees the arrows they draw
        assertThat(packageDependencies(violations)).containsEntry("issue", Set.of("account"));
    }
}
