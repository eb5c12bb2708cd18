package io.issuegraph.database;

import static io.issuegraph.testsupport.EnvironmentVariables.assertRefused;
import static io.issuegraph.testsupport.EnvironmentVariables.bind;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ISSUEGRAPH_DATABASE_TRANSACTION_POOL_SIZE: the connections of the pool that runs transactions. */
class DatabasePropertiesTest {

    @Test
    void tenByDefaultOrAsSet() {
        assertThat(bind(DatabaseProperties.class).transactionPoolSize()).isEqualTo(10);
        assertThat(bind(DatabaseProperties.class, "ISSUEGRAPH_DATABASE_TRANSACTION_POOL_SIZE=4").transactionPoolSize())
                .isEqualTo(4);
    }

    @Test
    void noConnectionIsRefused() {
        assertRefused(DatabaseProperties.class, "ISSUEGRAPH_DATABASE_TRANSACTION_POOL_SIZE=0")
                .hasMessage("ISSUEGRAPH_DATABASE_TRANSACTION_POOL_SIZE must be at least 1.");
    }
}
