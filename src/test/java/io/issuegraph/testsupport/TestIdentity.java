package io.issuegraph.testsupport;

import io.issuegraph.identity.standin.GoTrueStandIn;

/** The GoTrue stand-in shared by the tests of one JVM, and its secrets (test values, never real ones). */
public final class TestIdentity {

    public static final String JWT_SECRET = "test-secret-of-at-least-thirty-two-bytes!";
    public static final String OPERATOR_TOKEN = "test-operator-token";

    private static GoTrueStandIn shared;

    private TestIdentity() {
    }

    public static synchronized GoTrueStandIn gotrue() {
        if (shared == null) {
            shared = GoTrueStandIn.start(GoTrueStandIn.Config.netlify(JWT_SECRET).withOperatorToken(OPERATOR_TOKEN));
        }
        return shared;
    }
}
