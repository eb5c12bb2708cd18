package io.issuegraph.web;

import io.issuegraph.RequestPipeline;
import io.issuegraph.identity.IdentityAuthentication;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.server.support.AbstractAuthenticationWebSocketInterceptor;
import org.springframework.graphql.server.support.AuthenticationExtractor;
import org.springframework.graphql.server.support.BearerTokenAuthenticationExtractor;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * graphql-ws authentication, on Spring for GraphQL's own interceptor: Spring takes the bearer token from the
 * {@code connection_init} payload ({@code {"Authorization": "Bearer …"}}), keeps the caller with the
 * connection, and runs each of its messages as that caller, so method security, rate limits and document
 * limits hold as over HTTP. What this adds needs the socket, which Spring's {@code authenticate} does not
 * see (docs/architecture.md#graphql-ws-authentication): the token is charged to the address's budget for
 * unverified tokens ({@link UnverifiedTokens}) before it is checked, by the same provider as over HTTP, and
 * the caller counts against the user's connections ({@link WebSocketSessions}). A missing or bad token
 * closes the connection with 4401, one over a limit with 4429; {@link WebSocketSessions} closes it when the
 * token expires or the account closes.
 */
@Component
@Order(RequestPipeline.WEBSOCKET_AUTHENTICATION)
class WebSocketAuthenticationInterceptor extends AbstractAuthenticationWebSocketInterceptor {

    private final AuthenticationProvider tokens;
    private final UnverifiedTokens unverified;
    private final WebSocketSessions sessions;

    WebSocketAuthenticationInterceptor(AuthenticationProvider identityAuthenticationProvider, UnverifiedTokens unverified,
            WebSocketSessions sessions) {
        super(bearerTokenRequired());
        this.tokens = identityAuthenticationProvider;
        this.unverified = unverified;
        this.sessions = sessions;
    }

    /**
     * Spring's extractor, but a connection without a token is refused rather than left anonymous; deferred,
     * so that what it throws (an {@code Authorization} that is not text) refuses the connection as an error
     * does (4401), not as a failure of the handler.
     */
    private static AuthenticationExtractor bearerTokenRequired() {
        AuthenticationExtractor bearer = new BearerTokenAuthenticationExtractor();
        return payload -> Mono.defer(() -> bearer.getAuthentication(payload))
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("connection_init has no Authorization: Bearer token")));
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        // authenticate(…) below is handed the token only; the socket goes with it in the Reactor context
        return super.handleConnectionInitialization(session, payload).contextWrite(Context.of(WebSocketSessionInfo.class, session));
    }

    @Override
    protected Mono<Authentication> authenticate(Authentication bearer) {
        return Mono.deferContextual(context -> Mono.fromCallable(() ->
                authenticate(context.get(WebSocketSessionInfo.class), ((BearerTokenAuthenticationToken) bearer).getToken())));
    }

    private Authentication authenticate(WebSocketSessionInfo session, String token) {
        UnverifiedTokens.Admission admission = unverified.admit(ClientAddress.key(session.getRemoteAddress()), token);
        if (admission.refused()) {
            sessions.refuse(session.getId(), WebSocketSessions.TOO_MANY);
            throw new BadCredentialsException("too many unverified tokens from this address");
        }
        Authentication caller = null;
        try {
            caller = tokens.authenticate(new BearerTokenAuthenticationToken(token));
        } finally {
            admission.finish(caller instanceof IdentityAuthentication);
        }
        if (!sessions.authenticated(session.getId(), (IdentityAuthentication) caller, token)) {
            sessions.refuse(session.getId(), WebSocketSessions.TOO_MANY);
            throw new BadCredentialsException("too many connections for this user");
        }
        return caller;
    }

    /** As Spring's WebMvc interceptor: the key Spring Security's thread-local accessor restores from. */
    @Override
    protected ContextView getContextToWrite(SecurityContext securityContext) {
        return Context.of(SecurityContext.class.getName(), securityContext);
    }
}
