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
 * Also refuses the local launcher's development secret, which is public, anywhere but in the launcher, and
 * the Compose example's old placeholder secret everywhere.
 */
@Component
class IdentitySettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    /** SHA-256 of the launcher's development secret (its text is public, in src/test: anyone could sign with it). */
    static final String DEVELOPMENT_SECRET_SHA256 = "a45600c458af6d354fe5d71f6c01e362819574fc5d547a1926f896748454a8d0";
    /**
     * SHA-256 of the placeholder secret that deploy/compose/example.env once carried: it is public (in this
     * repository's history), and a stack started with the example unchanged would accept tokens anyone signs.
     */
    static final String COMPOSE_EXAMPLE_SECRET_SHA256 = "33b8ab72ca5d4492f65580f4784b9439f95e8a1522a12e9b21d723fcc6141590";
    /** Set by the launcher only. */
    static final String LOCAL_DEVELOPMENT = "issuegraph.local.development";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        IdentityProperties identity = Binder.get(environment).bindOrCreate("issuegraph.identity", IdentityProperties.class);
        if (identity.jwtSecret() == null) {
            return;
        }
        String secretHash = Sha256.hex(identity.jwtSecret());
        if (DEVELOPMENT_SECRET_SHA256.equals(secretHash) && !environment.getProperty(LOCAL_DEVELOPMENT, Boolean.class, false)) {
            throw new InvalidConfigurationException("ISSUEGRAPH_IDENTITY_JWT_SECRET is the local launcher's "
                    + "development secret, which is public: use your GoTrue's GOTRUE_JWT_SECRET.");
        }
        if (COMPOSE_EXAMPLE_SECRET_SHA256.equals(secretHash)) {
            throw new InvalidConfigurationException("ISSUEGRAPH_IDENTITY_JWT_SECRET is the placeholder of the Compose "
                    + "example (deploy/compose/example.env), which is public: set a secret of your own in .env and in GoTrue.");
        }
    }
}
