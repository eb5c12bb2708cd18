package io.issuegraph.identity;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The Netlify Function of {@code client-examples/netlify-identity-bridge}: hosted Identity gives admin
 * credentials only to the site's own functions (contract §4.4), so the caller's token is handed to one
 * that deletes exactly that caller. The token is used during the request only, never stored.
 */
@Component
public class IdentityDeleteBridge {

    private final RestClient bridge;

    IdentityDeleteBridge(IdentityProperties properties) {
        this.bridge = properties.deleteBridgeUrl() == null ? null
                : GoTrueHttp.client(properties.deleteBridgeUrl(), properties);
    }

    public boolean isConfigured() {
        return bridge != null;
    }

    public IdentityDeletion deleteCaller(String callerToken) {
        try {
            return bridge.post()
                    .headers(headers -> headers.setBearerAuth(callerToken))
                    .exchange((request, response) -> response.getStatusCode().is2xxSuccessful()
                            ? IdentityDeletion.of(IdentityDeletion.Outcome.DELETED, "deleted by the bridge")
                            : IdentityDeletion.of(IdentityDeletion.Outcome.UNAVAILABLE, "the delete bridge answered HTTP "
                                    + response.getStatusCode().value() + ": " + GoTrueHttp.errorMessage(response.getBody())));
        } catch (RestClientException unreachable) {
            return IdentityDeletion.of(IdentityDeletion.Outcome.UNAVAILABLE, "the delete bridge is unreachable");
        }
    }
}
