package io.issuegraph.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Prints {@code <user id> <token>} for each user: GoTrue-shaped HS256 access tokens valid for a day. */
final class Tokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    static void main(String[] args) throws GeneralSecurityException {
        byte[] secret = args[0].getBytes(StandardCharsets.UTF_8);
        int users = Integer.parseInt(args[1]);
        long exp = Instant.now().plusSeconds(86_400).getEpochSecond();
        for (int number = 1; number <= users; number++) {
            var user = new BenchUser(number);
            String claims = String.format("{\"sub\":\"%s\",\"email\":\"%s\",\"aud\":\"\",\"exp\":%d,"
                    + "\"app_metadata\":{\"provider\":\"email\"},\"user_metadata\":{\"full_name\":\"%s\"}}",
                    user.id(), user.email(), exp, user.name());
            System.out.println(user.id() + " " + sign(secret, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims));
        }
    }

    private static String sign(byte[] secret, String header, String claims) throws GeneralSecurityException {
        String signingInput = encode(header) + "." + encode(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return signingInput + "." + BASE64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
