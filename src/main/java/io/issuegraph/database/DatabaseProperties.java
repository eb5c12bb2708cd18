package io.issuegraph.database;

import io.issuegraph.InvalidConfigurationException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The database settings of issuegraph's own (environment {@code ISSUEGRAPH_DATABASE_*}); the main pool is
 * Boot's {@code spring.datasource.*}.
 *
 * @param transactionPoolSize connections of the pool that runs transactions (docs/architecture.md#transactions)
 */
@ConfigurationProperties("issuegraph.database")
public record DatabaseProperties(@DefaultValue("10") int transactionPoolSize) {

    public DatabaseProperties {
        if (transactionPoolSize < 1) {
            throw new InvalidConfigurationException("ISSUEGRAPH_DATABASE_TRANSACTION_POOL_SIZE must be at least 1.");
        }
    }
}
