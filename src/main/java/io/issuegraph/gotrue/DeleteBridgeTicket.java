package io.issuegraph.gotrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * issuegraph's word to the delete bridge that this user's deletion is recorded and may go ahead: the
 * bridge deletes nothing without it, so a user's token sent to the bridge directly cannot delete an
 * Identity user behind issuegraph's back.
 * {@code signature = base64url(HMAC-SHA256(secret, "issuegraph-delete-bridge\n" + sub + "\n" + exp))};
 * the prefix keeps any other HMAC made with the same secret from passing as a ticket.
 *
 * @param sub the user to delete
 * @param exp Unix seconds; one minute ahead, long enough for the call, short enough that a leaked
 *     ticket is soon useless
 */
record DeleteBridgeTicket(String sub, long exp, String signature) {

    private static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final String PURPOSE = "issuegraph-delete-bridge";

    static DeleteBridgeTicket sign(String sub, Instant now, String secret) {
        long exp = now.plus(LIFETIME).getEpochSecond();
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = hmac.doFinal((PURPOSE + "\n" + sub + "\n" + exp).getBytes(StandardCharsets.UTF_8));
            return new DeleteBridgeTicket(sub, exp, Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        } catch (GeneralSecurityException everyJvmHasIt) {
            throw new IllegalStateException(everyJvmHasIt);
        }
    }
}
