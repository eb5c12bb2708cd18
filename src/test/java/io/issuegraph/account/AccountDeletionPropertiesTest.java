package io.issuegraph.account;

import static io.issuegraph.testsupport.EnvironmentVariables.bind;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** ISSUEGRAPH_ACCOUNT_DELETION_*: the timing of retries and revocations, and how an operator writes a duration. */
class AccountDeletionPropertiesTest {

    @Test
    void defaults() {
        assertThat(bind(AccountDeletionProperties.class)).isEqualTo(new AccountDeletionProperties(Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(1)));
    }

    @Test
    void durationsTakeAUnitOrCountMilliseconds() {
        AccountDeletionProperties set = bind(AccountDeletionProperties.class,
                "ISSUEGRAPH_ACCOUNT_DELETION_MAX_BACKOFF=2h", "ISSUEGRAPH_ACCOUNT_DELETION_RETRY_POLL_INTERVAL=250",
                "ISSUEGRAPH_ACCOUNT_DELETION_CLAIM_TIMEOUT=PT45S");
        assertThat(set.maxBackoff()).isEqualTo(Duration.ofHours(2));
        assertThat(set.retryPollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(set.claimTimeout()).isEqualTo(Duration.ofSeconds(45));
    }
}
