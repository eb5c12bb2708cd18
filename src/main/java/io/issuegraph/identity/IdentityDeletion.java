package io.issuegraph.identity;

/** What became of a request to delete an Identity user. */
public record IdentityDeletion(Outcome outcome, String detail) {

    public enum Outcome {
        /** GoTrue deleted the user. */
        DELETED,
        /** GoTrue had no such user (404): deleted before, e.g. by an earlier attempt whose answer was lost. */
        ALREADY_DELETED,
        /** GoTrue was unreachable, too slow, or answered 5xx: worth retrying soon. */
        UNAVAILABLE,
        /** GoTrue refused the admin credential (401/403): a configuration error, retried slowly. */
        ADMIN_REJECTED,
        /** No admin credential or Identity URL is configured. */
        NOT_CONFIGURED,
        /** Any other refusal (a 4xx other than 401/403/404). */
        REFUSED
    }

    public boolean identityGone() {
        return outcome == Outcome.DELETED || outcome == Outcome.ALREADY_DELETED;
    }

    static IdentityDeletion of(Outcome outcome, String detail) {
        return new IdentityDeletion(outcome, detail);
    }
}
