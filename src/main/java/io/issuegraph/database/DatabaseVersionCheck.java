package io.issuegraph.database;

import io.issuegraph.InvalidConfigurationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Connects once as soon as the data source exists, before Flyway or anything else uses it, and refuses a
 * database older than the SQL of this project needs. A connection that fails here is explained by
 * {@link DatabaseFailureAnalyzer}.
 */
@Component
class DatabaseVersionCheck implements BeanPostProcessor, EnvironmentAware {

    // "8.0.36", "8.0.34-PlanetScale", "11.4.5-MariaDB", and "5.5.5-10.6.12-MariaDB" (MariaDB 10 posing as 5.5.5)
    private static final Pattern VERSION = Pattern.compile("^(?:5\\.5\\.5-(?=\\d))?(\\d+)\\.(\\d+)");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            String version;
            try (Connection connection = dataSource.getConnection()) {
                version = connection.getMetaData().getDatabaseProductVersion();
            } catch (SQLException failed) {
                throw new DatabaseConnectionFailure(failed);
            }
            unsupported(version).ifPresent(problem -> {
                throw new InvalidConfigurationException("The database at " + DatabaseAddress.of(environment).hostAndPort()
                        + " is " + problem + "; issuegraph needs MySQL 8.0+ or MariaDB 10.6+.",
                        "Upgrade it, or set " + DatabaseAddress.VARIABLE + " to a newer one.");
            });
        }
        return bean;
    }

    /** What is wrong with a server version, if anything. */
    static Optional<String> unsupported(String version) {
        Matcher number = VERSION.matcher(version);
        if (!number.find()) {
            return Optional.of("of unknown version " + version);
        }
        int major = Integer.parseInt(number.group(1));
        int minor = Integer.parseInt(number.group(2));
        boolean mariaDb = version.contains("MariaDB");
        boolean tooOld = mariaDb ? major < 10 || major == 10 && minor < 6 : major < 8;
        return tooOld ? Optional.of((mariaDb ? "MariaDB " : "MySQL ") + major + "." + minor) : Optional.empty();
    }
}
