package io.issuegraph.account;

import static io.issuegraph.testsupport.EnvironmentVariables.assertRefused;
import static io.issuegraph.testsupport.EnvironmentVariables.bind;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ISSUEGRAPH_ACCOUNT_DELETION_*: the timing of retries and revocations, how an operator writes a duration, and what is refused. */
class AccountDeletionPropertiesTest {

    private static final String MAX_UNDER_INITIAL = "ISSUEGRAPH_ACCOUNT_DELETION_MAX_BACKOFF must not be shorter than "
            + "ISSUEGRAPH_ACCOUNT_DELETION_INITIAL_BACKOFF.";

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

    /** A zero interval or backoff would poll or retry in a busy loop, a zero claim would never hold. */
    @ParameterizedTest
    @CsvSource({"RETRY_POLL_INTERVAL, 0", "RETRY_POLL_INTERVAL, -1s", "INITIAL_BACKOFF, 0", "INITIAL_BACKOFF, -5s",
        "CLAIM_TIMEOUT, 0ms", "CLAIM_TIMEOUT, -30s", "REVOCATION_REFRESH_INTERVAL, 0s", "REVOCATION_REFRESH_INTERVAL, -1"})
    void aDurationOfZeroOrLessIsRefusedByItsName(String setting, String value) {
        String variable = "ISSUEGRAPH_ACCOUNT_DELETION_" + setting;
        assertRefused(AccountDeletionProperties.class, variable + "=" + value).hasMessage(variable + " must be longer than zero.");
    }

    /** The maximum caps the doubling; one below the first wait would make every wait the maximum. */
    @Test
    void theMaximumBackoffMayEqualButNotUndercutTheInitial() {
        assertThat(bind(AccountDeletionProperties.class, "ISSUEGRAPH_ACCOUNT_DELETION_MAX_BACKOFF=5s").maxBackoff())
                .isEqualTo(Duration.ofSeconds(5));
        assertRefused(AccountDeletionProperties.class, "ISSUEGRAPH_ACCOUNT_DELETION_MAX_BACKOFF=4999ms")
                .hasMessage(MAX_UNDER_INITIAL);
        assertRefused(AccountDeletionProperties.class, "ISSUEGRAPH_ACCOUNT_DELETION_MAX_BACKOFF=0").hasMessage(MAX_UNDER_INITIAL);
    }
}
