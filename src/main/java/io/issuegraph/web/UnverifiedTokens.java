package io.issuegraph.web;

import io.issuegraph.identity.TokenPrecheck;
import io.issuegraph.ratelimit.RateLimitBuckets;
import io.issuegraph.ratelimit.RateLimitBuckets.AddressBudget;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * What a token not yet known to be good may cost its client address ({@link ClientAddress}), whichever
 * door it comes by: an HTTP request ({@link AddressRateLimitFilter}) or graphql-ws's {@code connection_init}
 * ({@link WebSocketAuthenticationInterceptor}) (docs/api.md#rate-limits):
 * <ul>
 * <li>it is charged one token of the address's bucket before it is checked, and gets it back if it proves
 * good; every other outcome keeps the charge;</li>
 * <li>only so many such checks run at once per address;</li>
 * <li>over either limit, a token accepted before still goes on; where tokens are verified here, one whose
 * signature checks within the address's budget of local checks; and a fresh token of a user this
 * instance has seen in the last day is checked within that user's own small lane; anything else is
 * refused ({@link TokenPrecheck}, {@link RateLimitBuckets#tryReturningUser}).</li>
 * </ul>
 */
@Component
class UnverifiedTokens {

    private static final Admission FREE = new Admission(tokenWasGood -> { }, 0);

    private final RateLimitBuckets buckets;
    private final TokenPrecheck precheck;

    UnverifiedTokens(RateLimitBuckets buckets, TokenPrecheck precheck) {
        this.buckets = buckets;
        this.precheck = precheck;
    }

    /**
     * Admits the check of one token from this client address, or refuses it.
     *
     * @param address the client address's {@link ClientAddress} key
     * @param token the bearer token; empty for a malformed one (charged like a bad token)
     */
    Admission admit(String address, String token) {
        if (!buckets.limits().enabled()) {
            return FREE;
        }
        AddressBudget budget = buckets.address(address);
        if (budget.tryStart()) {
            return new Admission(budget::finish, 0);
        }
        if (!token.isEmpty()) {
            if (precheck.isKnownGood(token) || budget.tryLocalCheck() && precheck.verifiesLocally(token)) {
                return FREE;
            }
            String user = precheck.claimedUser(token);
            if (user != null && buckets.tryReturningUser(user)) {
                return new Admission(tokenWasGood -> buckets.finishReturningUser(user, tokenWasGood), 0);
            }
        }
        return new Admission(tokenWasGood -> { }, budget.refuse());
    }

    /** One token's admission: refused (with the time to wait), or let in, to be {@linkplain #finish finished}. */
    static final class Admission {

        private final Consumer<Boolean> finisher;
        private final long refusedForNanos;

        private Admission(Consumer<Boolean> finisher, long refusedForNanos) {
            this.finisher = finisher;
            this.refusedForNanos = refusedForNanos;
        }

        boolean refused() {
            return refusedForNanos > 0;
        }

        /** The nanoseconds until the address may try again, when refused. */
        long retryAfterNanos() {
            return refusedForNanos;
        }

        /** Ends a check that was let in; a token that proved good gets its charge back. */
        void finish(boolean tokenWasGood) {
            finisher.accept(tokenWasGood);
        }
    }
}
