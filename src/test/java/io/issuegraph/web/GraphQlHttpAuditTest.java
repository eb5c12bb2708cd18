package io.issuegraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.testsupport.IntegrationTest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * graphql-http's GraphQL-over-HTTP audit (src/test/graphql-http-audit, pinned with its lock file), run by
 * Node against this server with a valid token: no MUST-level audit may fail, and none of the others.
 */
class GraphQlHttpAuditTest extends IntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(GraphQlHttpAuditTest.class);
    private static final File AUDIT = new File("src/test/graphql-http-audit");

    @Test
    void passesEveryMustLevelAudit() throws Exception {
        if (!new File(AUDIT, "node_modules/graphql-http").isDirectory()) {
            assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund")).exitCode).as("npm ci").isZero();
        }
        String token = gotrue.accessToken(newUser("Audrey Audit"));

        Result audit = run(List.of("node", "audit.mjs", "http://127.0.0.1:" + port + "/graphql", token));

        log.info("graphql-http audit:\n{}", audit.output);
        assertThat(audit.output).contains("audit {").doesNotContain(token);
        assertThat(audit.exitCode).as(audit.output).isZero();
        // Every SHOULD and MAY of the audit holds as well: 61 ok with graphql-http 1.23.1.
        assertThat(audit.output).contains("\"notice\":0,\"warn\":0,\"error\":0");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        File output = File.createTempFile("graphql-http-audit", ".log");
        Process process = new ProcessBuilder(command).directory(AUDIT).redirectErrorStream(true)
                .redirectOutput(output).start();
        try {
            boolean finished = process.waitFor(3, TimeUnit.MINUTES);
            return new Result(finished ? process.exitValue() : -1,
                    Files.readString(output.toPath(), StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.delete(output.toPath());
        }
    }
}
