package io.issuegraph.database;

import io.issuegraph.InvalidConfigurationException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses a database URL that MySQL's driver cannot use before the data source is made: Spring's own
 * report for it speaks of driver classes and embedded databases, and never names the variable.
 */
@Component
class DatabaseUrlCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String url = environment.getProperty(DatabaseAddress.PROPERTY);
        if (!DatabaseAddress.isSupported(url)) {
            String hint = url != null && url.startsWith("jdbc:mariadb:")
                    ? " Write jdbc:mysql:// instead of jdbc:mariadb://: MySQL's driver talks to MariaDB too."
                    : "";
            throw new InvalidConfigurationException(DatabaseAddress.VARIABLE + " must start with jdbc:mysql:// "
                    + "(MySQL's driver, for MySQL, MariaDB and PlanetScale/Vitess)." + hint,
                    "Set " + DatabaseAddress.VARIABLE + " to e.g. jdbc:mysql://localhost:3306/issuegraph.");
        }
    }
}
