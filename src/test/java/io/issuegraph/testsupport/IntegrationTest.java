package io.issuegraph.testsupport;

import io.issuegraph.IssuegraphApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ServerTest} in HS256 mode against the shared stand-in, with its admin API: what most tests use.
 * Tests of another mode extend {@link ServerTest} and configure their own identity, since dynamic
 * properties registered here could not be overridden.
 */
public abstract class IntegrationTest extends ServerTest {

    @DynamicPropertySource
    static void hs256Identity(DynamicPropertyRegistry registry) {
        registry.add("issuegraph.identity.url", () -> gotrue.url().toString());
        registry.add("issuegraph.identity.jwt-secret", () -> TestIdentity.JWT_SECRET);
    }

    /**
     * A second instance of the server on the same database and identity, on a port of its own, with
     * these settings on top; the caller closes it.
     */
    protected static ConfigurableApplicationContext anotherInstance(Map<String, String> settings) {
        Map<String, String> properties = new LinkedHashMap<>(TestDatabase.get().springProperties());
        properties.put("server.port", "0");
        properties.put("issuegraph.identity.url", gotrue.url().toString());
        properties.put("issuegraph.identity.jwt-secret", TestIdentity.JWT_SECRET);
        properties.put("issuegraph.rate-limit.enabled", "false");
        properties.putAll(settings);
        return new SpringApplicationBuilder(IssuegraphApplication.class).run(properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new));
    }

    protected static int port(ConfigurableApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
    }
}
