package io.issuegraph.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The keys of the JWK set that may have signed a token: matched on its {@code kid} and algorithm,
 * for the asymmetric algorithms GoTrue signs with (docs/identity.md#asymmetric-keys-jwk-set). Ed25519 keys become JDK keys here,
 * which Nimbus's own selector cannot do. An unknown {@code kid} makes the source fetch the set again.
 * <p>
 * While the set cannot be fetched, the source answers with the keys it last had (outage tolerance): a
 * {@code kid} missing from them may be a new key that cannot be seen now, so the token is neither
 * accepted nor refused, but unavailable.
 */
class JwkSetKeySelector implements JWSKeySelector<SecurityContext> {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    private final JWKSource<SecurityContext> keys;
    private final AtomicLong outages;

    /** @param outages counts the answers the source gave from its outage cache */
    JwkSetKeySelector(JWKSource<SecurityContext> keys, AtomicLong outages) {
        this.keys = keys;
        this.outages = outages;
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            return List.of();
        }
        List<Key> selected = new ArrayList<>();
        long outagesBefore = outages.get();
        List<JWK> matching = keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), context);
        if (matching.isEmpty() && outages.get() != outagesBefore) {
            throw new KeySourceException("The JWK set cannot be fetched now; the token's key may be new.");
        }
        for (JWK jwk : matching) {
            if (jwk instanceof OctetKeyPair okp) {
                try {
                    selected.add(Ed25519.publicKey(okp));
                } catch (GeneralSecurityException unusable) {
                    // not an Ed25519 key (Ed448): it cannot have made this signature
                }
            } else {
                selected.addAll(KeyConverter.toJavaKeys(List.of(jwk)));
            }
        }
        return selected;
    }

    /**
     * Whether the key that signed an already verified {@code token} is still in the set as it is cached
     * now. The source fetches the set again once its lifetime is over, so a key removed from the set stops
     * counting within that lifetime, whatever {@link CachingTokenVerifier} remembered.
     */
    boolean stillHoldsKeyOf(String token) {
        try {
            return !selectJWSKeys(JWSObject.parse(token).getHeader(), null).isEmpty();
        } catch (ParseException | KeySourceException cannotTell) {
            return false; // verified again, which refuses the token or says the keys are unavailable
        }
    }
}
