package io.issuegraph.database;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * Two pools (docs/architecture.md#transactions): Boot's main pool ({@code spring.datasource.*}) in autocommit
 * mode for reads and single statements, and a pool for transactions whose connections stay out of autocommit,
 * so that a transaction costs its statements and its {@code COMMIT}, not also a {@code SET autocommit=0} before
 * and a {@code SET autocommit=1} after: two of a create's five round trips.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final String TRANSACTIONS = "transactions";

    /** The main pool's settings ({@code spring.datasource.hikari.*}), its own name and size, no autocommit. */
    @Bean(defaultCandidate = false)
    @Qualifier(TRANSACTIONS)
    HikariDataSource transactionsPool(JdbcConnectionDetails connection, Environment environment,
            DatabaseProperties properties) {
        HikariDataSource pool = DataSourceBuilder.create().type(HikariDataSource.class)
                .driverClassName(connection.getDriverClassName()).url(connection.getJdbcUrl())
                .username(connection.getUsername()).password(connection.getPassword()).build();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        pool.setPoolName(TRANSACTIONS);
        pool.setMaximumPoolSize(properties.transactionPoolSize());
        pool.setAutoCommit(false);
        return pool;
    }

    @Bean
    JdbcTransactionManager transactionManager(@Qualifier(TRANSACTIONS) DataSource transactions) {
        return new JdbcTransactionManager(transactions);
    }

    /**
     * What Boot's {@code JdbcClient} works through, for every repository: Boot's template, with its
     * {@code spring.jdbc.template.*} settings and exception translator, over both pools.
     */
    @Bean
    JdbcTemplate jdbcTemplate(DataSource main, @Qualifier(TRANSACTIONS) DataSource transactions,
            JdbcProperties properties, ObjectProvider<SQLExceptionTranslator> translator) {
        var jdbc = new JdbcTemplate(new TransactionRouting(main, transactions));
        JdbcProperties.Template template = properties.getTemplate();
        jdbc.setIgnoreWarnings(template.isIgnoreWarnings());
        jdbc.setFetchSize(template.getFetchSize());
        jdbc.setMaxRows(template.getMaxRows());
        if (template.getQueryTimeout() != null) {
            jdbc.setQueryTimeout((int) template.getQueryTimeout().toSeconds());
        }
        jdbc.setSkipResultsProcessing(template.isSkipResultsProcessing());
        jdbc.setSkipUndeclaredResults(template.isSkipUndeclaredResults());
        jdbc.setResultsMapCaseInsensitive(template.isResultsMapCaseInsensitive());
        translator.ifUnique(jdbc::setExceptionTranslator);
        return jdbc;
    }

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
