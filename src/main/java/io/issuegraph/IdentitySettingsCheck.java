package io.issuegraph;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Binds the identity settings before any other bean is made, so that a mistake in them is reported, with
 * the variable's name, before the database is contacted (which would otherwise fail first and hide it).
 */
@Component
class IdentitySettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Binder.get(environment).bindOrCreate("issuegraph.identity", IdentityProperties.class);
    }
}
