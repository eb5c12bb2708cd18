package io.issuegraph;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.SpringApplication;

/**
 * {@code ./mvnw spring-boot:test-run}: the whole server on this machine with nothing installed: an
 * embedded MariaDB (data kept in target/local-db) and the GoTrue stand-in as local identity, where a
 * browser client can sign up and log in. Development only: the secret below is public.
 */
public final class LocalIssuegraph {

    private static final String DEVELOPMENT_SECRET = "local-development-secret-not-for-production";
    private static final String DEMO_EMAIL = "demo@example.com";
    private static final String DEMO_PASSWORD = "demo-password";

    private LocalIssuegraph() {
    }

    public static void main(String[] args) {
        TestDatabase.Connection database = TestDatabase.local();
        int identityPort = Integer.parseInt(System.getenv().getOrDefault("ISSUEGRAPH_LOCAL_IDENTITY_PORT", "9999"));
        GoTrueStandIn identity = GoTrueStandIn.start(GoTrueStandIn.Config.netlify(DEVELOPMENT_SECRET)
                .withOperatorToken("local-operator-token").withPort(identityPort));
        GoTrueStandIn.User demo = identity.createUser(DEMO_EMAIL, DEMO_PASSWORD, "Demo User", List.of("admin"));

        // System properties outrank application.properties, as the environment variables in production do.
        database.springProperties().forEach(System::setProperty);
        System.setProperty("issuegraph.identity.jwt-secret", DEVELOPMENT_SECRET);
        System.setProperty("issuegraph.identity.url", identity.url().toString());
        if (System.getenv("ISSUEGRAPH_CORS_ALLOWED_ORIGINS") == null) {
            // the web client's development server (client-examples/web: npm run dev)
            System.setProperty("issuegraph.cors.allowed-origins", "http://localhost:5173");
        }

        // GraphiQL opens signed in as the demo user (development only: in production the editor starts empty)
        String demoToken = identity.accessToken(demo, Duration.ofHours(24));
        System.setProperty("issuegraph.graphiql.authorization", "Bearer " + demoToken);

        String port = SpringApplication.from(IssuegraphApplication::main).run(args)
                .getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        System.out.printf("""

                ──────────────────────────────────────────────────────────────────────────────
                issuegraph is running locally (database: %s, identity: GoTrue stand-in)
                  GraphiQL:        http://localhost:%s/graphiql
                  GraphQL:         http://localhost:%s/graphql
                  Local identity:  %s   (sign up and log in here; users live in memory)
                  Demo user:       %s / %s (admin)
                GraphiQL opens with this header; for other clients (valid for 24 hours):
                  {"Authorization": "Bearer %s"}
                ──────────────────────────────────────────────────────────────────────────────
                """, database.kind(), port, port, identity.url(), DEMO_EMAIL, DEMO_PASSWORD,
                demoToken);
    }
}
