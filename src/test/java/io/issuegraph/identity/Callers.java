package io.issuegraph.identity;

import io.issuegraph.IdentityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * The caller, for GraphQL slice tests ({@link io.issuegraph.testsupport.GraphQlSliceTest}): method security
 * on the controllers, the caller in the GraphQL context, and the resolvers that say why a caller was
 * refused, on fields and on subscriptions. The caller comes from {@link WithCaller}.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
@EnableMethodSecurity
@Import({CallerInterceptor.class, AccessDeniedResolver.Subscriptions.class})
public class Callers {
}
