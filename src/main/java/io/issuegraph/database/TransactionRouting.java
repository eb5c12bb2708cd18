package io.issuegraph.database;

import javax.sql.DataSource;
import org.springframework.core.InfrastructureProxy;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The data source of every repository's {@code JdbcClient}: inside a transaction, the transaction's
 * connection from the transactions pool; outside one, a connection of the main pool, in autocommit mode.
 * <p>
 * Spring finds a transaction's connection by the data source it was bound for, and unwraps an
 * {@link InfrastructureProxy} to compare: so this looks up the transactions pool's binding, and
 * {@link #getConnection()} (asked only when there is none) lends from the main pool
 * (docs/architecture.md#transactions).
 */
final class TransactionRouting extends DelegatingDataSource implements InfrastructureProxy {

    private final DataSource transactions;

    TransactionRouting(DataSource main, DataSource transactions) {
        super(main);
        this.transactions = transactions;
    }

    @Override
    public Object getWrappedObject() {
        return transactions;
    }
}
