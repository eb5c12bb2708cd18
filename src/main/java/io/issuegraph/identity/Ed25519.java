package io.issuegraph.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Set;

/**
 * EdDSA (Ed25519) signatures with the JDK's own implementation. Nimbus verifies them only with Google
 * Tink on the class path, and Spring Security not at all; Supabase may sign with Ed25519 keys.
 */
final class Ed25519 {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    private Ed25519() {
    }

    /** The JDK key of an Ed25519 JWK: {@code x} is the RFC 8032 encoding of the public point. */
    static PublicKey publicKey(OctetKeyPair jwk) throws GeneralSecurityException {
        if (!Curve.Ed25519.equals(jwk.getCurve())) {
            throw new GeneralSecurityException("not an Ed25519 key: " + jwk.getCurve());
        }
        byte[] littleEndian = jwk.getDecodedX();
        boolean xOdd = (littleEndian[littleEndian.length - 1] & 0x80) != 0;
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        bigEndian[0] &= 0x7F; // the top bit carried the sign of x (RFC 8032 §5.1.2)
        var point = new EdECPoint(xOdd, new BigInteger(1, bigEndian));
        return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
    }

    /** Verifies EdDSA JWS signatures with a JDK Ed25519 public key. */
    static final class Verifier implements JWSVerifier {

        private final PublicKey key;
        private final JCAContext context = new JCAContext();

        Verifier(PublicKey key) {
            this.key = key;
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            if (!ALGORITHMS.contains(header.getAlgorithm())) {
                return false;
            }
            try {
                Signature ed25519 = Signature.getInstance("Ed25519");
                ed25519.initVerify(key);
                ed25519.update(signingInput);
                return ed25519.verify(signature.decode());
            } catch (java.security.SignatureException malformed) {
                return false;
            } catch (GeneralSecurityException unusable) {
                throw new JOSEException("Ed25519 verification failed: " + unusable.getMessage(), unusable);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return ALGORITHMS;
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }
}
