package io.issuegraph.gotrue;

/** What became of a request to delete an Identity user. */
public record UserDeletionOutcome(Outcome outcome, String detail) {

    public enum Outcome {
        /** GoTrue deleted the user. */
        DELETED,
        /** GoTrue had no such user (404): deleted before, e.g. by an earlier attempt whose answer was lost. */
        ALREADY_DELETED,
        /** GoTrue was unreachable, too slow, or answered 5xx or 429: worth retrying soon. */
        UNAVAILABLE,
        /** GoTrue refused the admin credential (401/403): a configuration error, retried slowly. */
        ADMIN_REJECTED,
        /** No admin credential or Identity URL is configured. */
        NOT_CONFIGURED,
        /** Any other refusal (a 4xx other than 401/403/404/429). */
        REFUSED
    }

    public boolean identityGone() {
        return outcome == Outcome.DELETED || outcome == Outcome.ALREADY_DELETED;
    }

    /** Whether only a change of configuration can help, so that retrying soon is pointless. */
    public boolean needsConfiguration() {
        return outcome == Outcome.ADMIN_REJECTED || outcome == Outcome.NOT_CONFIGURED;
    }

    static UserDeletionOutcome of(Outcome outcome, String detail) {
        return new UserDeletionOutcome(outcome, detail);
    }

    /** GoTrue's answer to {@code DELETE /admin/users/{id}}, by status code. */
    static UserDeletionOutcome ofAdminStatus(int status, String detail) {
        Outcome outcome = switch (status) {
            case 404 -> Outcome.ALREADY_DELETED;
            case 401, 403 -> Outcome.ADMIN_REJECTED;
            case 429 -> Outcome.UNAVAILABLE;
            default -> status >= 200 && status < 300 ? Outcome.DELETED
                    : status >= 500 ? Outcome.UNAVAILABLE : Outcome.REFUSED;
        };
        return of(outcome, detail);
    }
}
