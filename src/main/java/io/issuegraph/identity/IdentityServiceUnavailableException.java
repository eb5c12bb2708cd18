package io.issuegraph.identity;

import org.springframework.security.core.AuthenticationException;

/**
 * The identity service (or its key set) could not be asked, so the token can be neither accepted nor
 * refused: the request fails closed with HTTP 503.
 */
public class IdentityServiceUnavailableException extends AuthenticationException {

    IdentityServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
