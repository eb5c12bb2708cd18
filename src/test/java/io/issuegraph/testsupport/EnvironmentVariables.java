package io.issuegraph.testsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.issuegraph.InvalidConfigurationException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractThrowableAssert;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Binds a settings record as the server does, from environment variables spelled as an operator writes
 * them ({@code "ISSUEGRAPH_CORS_MAX_AGE=10m"}): names, defaults and conversions (durations, sizes, lists)
 * go through Spring Boot's {@link Binder}, with no application started.
 */
public final class EnvironmentVariables {

    private EnvironmentVariables() {
    }

    /** The record these variables make, defaults filled in. */
    public static <T> T bind(Class<T> record, String... variables) {
        Map<String, Object> environment = Arrays.stream(variables).map(variable -> variable.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
        // named as the real one, so that Boot maps ISSUEGRAPH_RATE_LIMIT_USER_BURST to issuegraph.rate-limit.user-burst
        var source = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment);
        String prefix = MergedAnnotations.from(record).get(ConfigurationProperties.class).getString("prefix");
        return new Binder(ConfigurationPropertySources.from(source)).bindOrCreate(prefix, record);
    }

    /**
     * The refusal these variables meet: its message is the one line of the start-up report
     * ({@code InvalidConfigurationFailureAnalyzer}), for the caller to assert on.
     */
    public static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Class<?> record, String... variables) {
        return assertThatThrownBy(() -> bind(record, variables)).isInstanceOf(BindException.class)
                .hasRootCauseInstanceOf(InvalidConfigurationException.class).rootCause();
    }
}
