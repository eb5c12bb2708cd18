package io.issuegraph.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    static ConnectionPoolRecovery connectionPoolRecovery() {
        return new ConnectionPoolRecovery();
    }

    /** Static, and looking the recovery up lazily, so that no other bean is created early for it. */
    @Bean
    static BeanPostProcessor connectionPoolRecoveryPostProcessor(
            ObjectProvider<ConnectionPoolRecovery> recovery) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool) {
                    recovery.getObject().watch(pool);
                }
                return bean;
            }
        };
    }
}
