package io.issuegraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./mvnw spring-boot:test-run} as a newcomer meets it: in a child JVM started as the Maven plugin
 * starts it (java.io.tmpdir in target/tmp), from a checkout under the system's temporary directory. Issues,
 * signed-up users and the demo user's id outlive a restart; -Dreset starts from empty.
 */
@Tag("integration")
class LocalIssuegraphTest {

    private static final Duration START = Duration.ofMinutes(4);
    private static final Pattern TOKEN = Pattern.compile("\"Bearer ([^\"]+)\"");
    private static final String ALL_TITLES = "{ issues { edges { node { title } } } }";

    @TempDir
    Path checkout;

    @Test
    void aTakenPortEndsTheLaunchWithOneLineNamingTheVariable() throws Exception {
        try (var taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            Process launcher = launch(port, freePort(), false);
            assertThat(launcher.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(launcher.exitValue()).isEqualTo(1);
            assertThat(Files.readAllLines(output())).containsExactly("Port " + port + " is in use: set SERVER_PORT to "
                    + "a free port, e.g. SERVER_PORT=" + (port + 1) + " ./mvnw spring-boot:test-run");
            assertThat(checkout.resolve("target/local-db")).doesNotExist(); // nothing was started
        }
    }

    @Test
    void dataOutlivesARestartAndResetStartsFromEmpty() throws Exception {
        int port = freePort();
        int identityPort = freePort();
        String title = "kept across restarts " + Instant.now();
        String demoId;
        try (var first = new Running(launch(port, identityPort, false))) {
            assertThat(first.banner).contains("Database:        the embedded MariaDB")
                    .contains("data in " + checkout.toRealPath().resolve("target/local-db"));
            graphQl(port, first.banner, "mutation { createIssue(input: {title: \\\"" + title + "\\\"}) { id } }");
            demoId = graphQl(port, first.banner, "{ me { id } }");
            assertThat(identity(identityPort, "/signup", "application/json",
                    "{\"email\":\"bob@example.com\",\"password\":\"bob-password\"}").statusCode()).isEqualTo(200);
        }
        try (var restarted = new Running(launch(port, identityPort, false))) {
            assertThat(graphQl(port, restarted.banner, ALL_TITLES)).contains(title);
            assertThat(graphQl(port, restarted.banner, "{ me { id } }")).isEqualTo(demoId);
            assertThat(identity(identityPort, "/token", "application/x-www-form-urlencoded",
                    "grant_type=password&username=bob@example.com&password=bob-password").statusCode()).isEqualTo(200);
        }
        try (var reset = new Running(launch(port, identityPort, true))) {
            assertThat(graphQl(port, reset.banner, ALL_TITLES)).doesNotContain(title);
            assertThat(identity(identityPort, "/token", "application/x-www-form-urlencoded",
                    "grant_type=password&username=bob@example.com&password=bob-password").statusCode()).isEqualTo(400);
        }
    }

    private static HttpResponse<String> identity(int port, String path, String type, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A launch that printed its banner; closing it stops it as Ctrl-C does. */
    private final class Running implements AutoCloseable {

        final Process launcher;
        final String banner;

        Running(Process launcher) throws Exception {
            this.launcher = launcher;
            Instant deadline = Instant.now().plus(START);
            String printed = "";
            while (!printed.contains("Start from empty: -Dreset.")) {
                assertThat(launcher.isAlive()).as(printed).isTrue();
                assertThat(Instant.now()).as(printed).isBefore(deadline);
                Thread.sleep(500);
                printed = Files.readString(output());
            }
            banner = printed.substring(printed.lastIndexOf("issuegraph is running locally"));
        }

        @Override
        public void close() throws InterruptedException {
            launcher.destroy(); // SIGTERM: the shutdown hooks stop the embedded database
            assertThat(launcher.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    private Process launch(int serverPort, int identityPort, boolean reset) throws IOException {
        var command = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + checkout.resolve("target/tmp"), "-Dissuegraph.local.reset=" + reset,
                LocalIssuegraph.class.getName()))
                .directory(checkout.toFile()).redirectErrorStream(true).redirectOutput(output().toFile());
        command.environment().put("SERVER_PORT", Integer.toString(serverPort));
        command.environment().put("ISSUEGRAPH_LOCAL_IDENTITY_PORT", Integer.toString(identityPort));
        command.environment().remove("ISSUEGRAPH_TEST_DATABASE_URL");
        return command.start();
    }

    private Path output() {
        return checkout.resolve("launcher.out");
    }

    private static String graphQl(int port, String banner, String query) throws Exception {
        Matcher token = TOKEN.matcher(banner);
        assertThat(token.find()).as(banner).isTrue();
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Authorization", "Bearer " + token.group(1)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + query + "\"}")).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("\"errors\"");
        return response.body();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
