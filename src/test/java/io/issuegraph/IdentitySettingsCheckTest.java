package io.issuegraph;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.issuegraph.testsupport.TestIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

/** The public secrets refused before any bean is made (the start-up order itself is ConfigurationTest's). */
class IdentitySettingsCheckTest {

    /** Its text is in this repository, so anyone could sign tokens with it. */
    @Test
    void theLaunchersDevelopmentSecretIsRefusedOutsideTheLauncher() {
        assertThatThrownBy(() -> check(new MockEnvironment()
                .withProperty("issuegraph.identity.jwt-secret", LocalIssuegraph.DEVELOPMENT_SECRET)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("ISSUEGRAPH_IDENTITY_JWT_SECRET is the local launcher's development secret, which is public: "
                        + "use your GoTrue's GOTRUE_JWT_SECRET.");
        assertThatCode(() -> check(new MockEnvironment()
                .withProperty("issuegraph.identity.jwt-secret", LocalIssuegraph.DEVELOPMENT_SECRET)
                .withProperty(IdentitySettingsCheck.LOCAL_DEVELOPMENT, "true"))).doesNotThrowAnyException();
    }

    /** deploy/compose/example.env once carried it: a stack started with the example unchanged accepted anyone's tokens. */
    @Test
    void theComposeExamplesPlaceholderSecretIsRefusedEverywhere() {
        assertThatThrownBy(() -> check(new MockEnvironment()
                .withProperty("issuegraph.identity.jwt-secret", "change-me-to-at-least-thirty-two-bytes-of-secret")
                .withProperty(IdentitySettingsCheck.LOCAL_DEVELOPMENT, "true")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("ISSUEGRAPH_IDENTITY_JWT_SECRET is the placeholder of the Compose example "
                        + "(deploy/compose/example.env), which is public: set a secret of your own in .env and in GoTrue.");
    }

    @Test
    void anyOtherSecretPasses() {
        assertThatCode(() -> check(new MockEnvironment().withProperty("issuegraph.identity.jwt-secret", TestIdentity.JWT_SECRET)))
                .doesNotThrowAnyException();
    }

    private static void check(MockEnvironment environment) {
        var check = new IdentitySettingsCheck();
        check.setEnvironment(environment);
        check.postProcessBeanFactory(new DefaultListableBeanFactory());
    }
}
