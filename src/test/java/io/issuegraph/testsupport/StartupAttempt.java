package io.issuegraph.testsupport;

import io.issuegraph.IssuegraphApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Starts the server with the given settings, expecting it to refuse, and keeps what it printed out of the
 * build log: an expected "APPLICATION FAILED TO START" is asserted on, not shown as an error.
 */
public record StartupAttempt(Throwable failure, String output) {

    /** The settings as command-line arguments: they outrank application.properties, as environment variables do. */
    public static StartupAttempt run(Map<String, ?> properties) {
        String[] arguments = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new);
        var printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        var capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        Throwable failure = null;
        try {
            new SpringApplicationBuilder(IssuegraphApplication.class).run(arguments).close();
        } catch (RuntimeException refused) {
            failure = refused;
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new StartupAttempt(failure, printed.toString(StandardCharsets.UTF_8));
    }

    /** The lines from Spring Boot's "APPLICATION FAILED TO START" banner to the end. */
    public String report() {
        int start = output.indexOf("APPLICATION FAILED TO START");
        return start < 0 ? "" : output.substring(start).strip();
    }
}
