package io.issuegraph.gotrue;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.gotrue.UserDeletionOutcome.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GoTrue's answers to an admin DELETE, as both forks give them (docs/identity.md#admin-api). */
class UserDeletionOutcomeTest {

    @ParameterizedTest
    @CsvSource({
            "200, DELETED, true, false",
            "204, DELETED, true, false",
            "404, ALREADY_DELETED, true, false",
            "401, ADMIN_REJECTED, false, true",
            "403, ADMIN_REJECTED, false, true",
            "429, UNAVAILABLE, false, false",
            "500, UNAVAILABLE, false, false",
            "502, UNAVAILABLE, false, false",
            "503, UNAVAILABLE, false, false",
            "400, REFUSED, false, false",
            "422, REFUSED, false, false",
            "302, REFUSED, false, false"})
    void mapsEachStatus(int status, Outcome outcome, boolean gone, boolean needsConfiguration) {
        UserDeletionOutcome deletion = UserDeletionOutcome.ofAdminStatus(status, "HTTP " + status);
        assertThat(deletion.outcome()).isEqualTo(outcome);
        assertThat(deletion.identityGone()).isEqualTo(gone);
        assertThat(deletion.needsConfiguration()).isEqualTo(needsConfiguration);
        assertThat(deletion.detail()).isEqualTo("HTTP " + status);
    }
}
