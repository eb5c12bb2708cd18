package io.issuegraph.identity.standin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Set;

/**
 * Ed25519 signing with the JDK, for the stand-in's EdDSA keys (Nimbus would need Google Tink). Ed25519
 * signatures are deterministic, so the stand-in checks one by signing the same input again.
 */
public final class JdkEd25519Signer implements JWSSigner {

    private final PrivateKey key;
    private final JCAContext context = new JCAContext();

    public JdkEd25519Signer(OctetKeyPair jwk) throws GeneralSecurityException {
        this.key = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, jwk.getDecodedD()));
    }

    /** A new Ed25519 JWK (public and private parts) made with the JDK. */
    public static OctetKeyPair generate(String kid) throws GeneralSecurityException {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] d = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
        return new OctetKeyPair.Builder(Curve.Ed25519, x((EdECPublicKey) pair.getPublic()))
                .d(Base64URL.encode(d)).keyID(kid).build();
    }

    /** The RFC 8032 encoding of a JDK Ed25519 public key, as a JWK's {@code x}. */
    private static Base64URL x(EdECPublicKey key) {
        byte[] bigEndian = key.getPoint().getY().toByteArray();
        byte[] littleEndian = new byte[32];
        for (int i = 0; i < Math.min(bigEndian.length, 32); i++) {
            littleEndian[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (key.getPoint().isXOdd()) {
            littleEndian[31] |= (byte) 0x80;
        }
        return Base64URL.encode(littleEndian);
    }

    /** Accepts exactly the signatures this signer makes. */
    JWSVerifier verifier() {
        return new JWSVerifier() {
            @Override
            public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
                return supportedJWSAlgorithms().contains(header.getAlgorithm())
                        && MessageDigest.isEqual(sign(header, signingInput).decode(), signature.decode());
            }

            @Override
            public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                return JdkEd25519Signer.this.supportedJWSAlgorithms();
            }

            @Override
            public JCAContext getJCAContext() {
                return context;
            }
        };
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key);
            ed25519.update(signingInput);
            return Base64URL.encode(ed25519.sign());
        } catch (GeneralSecurityException failed) {
            throw new JOSEException(failed.getMessage(), failed);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        return context;
    }
}
