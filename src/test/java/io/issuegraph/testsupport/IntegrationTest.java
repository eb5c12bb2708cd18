package io.issuegraph.testsupport;

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
}
