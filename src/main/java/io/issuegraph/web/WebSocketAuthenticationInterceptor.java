package io.issuegraph.web;

import io.issuegraph.RequestPipeline;
import io.issuegraph.identity.IdentityAuthentication;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * graphql-ws authentication: the bearer token of the {@code connection_init} payload
 * ({@code {"Authorization": "Bearer …"}}), verified by the same provider, in the same modes, and under the
 * same per-address limit ({@link UnverifiedTokens}) as over HTTP; a missing or bad one closes the
 * connection with 4401, one over the address's limit or the user's connections with 4429. Each request of the connection then runs
 * as that caller, with the same authorities, so method security, rate limits and document limits hold
 * as on HTTP; {@link WebSocketSessions} closes the connection when the token expires or the account closes.
 */
@Component
@Order(RequestPipeline.WEBSOCKET_AUTHENTICATION)
class WebSocketAuthenticationInterceptor implements WebSocketGraphQlInterceptor {

    private static final String AUTHENTICATION = WebSocketAuthenticationInterceptor.class.getName();
    private static final String BEARER = "bearer ";
    /** Where Spring for GraphQL's WebSocket handler keeps the handshake's thread-local context. */
    private static final String HANDSHAKE_CONTEXT = ContextSnapshot.class.getName();

    private final AuthenticationProvider tokens;
    private final UnverifiedTokens unverified;
    private final WebSocketSessions sessions;

    WebSocketAuthenticationInterceptor(AuthenticationProvider identityAuthenticationProvider, UnverifiedTokens unverified,
            WebSocketSessions sessions) {
        this.tokens = identityAuthenticationProvider;
        this.unverified = unverified;
        this.sessions = sessions;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        return Mono.fromCallable(() -> {
            String token = bearerToken(payload);
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
            session.getAttributes().put(AUTHENTICATION, caller);
            session.getAttributes().put(HANDSHAKE_CONTEXT, contextOf(caller));
            return Map.of();
        });
    }

    /**
     * The thread-local context every later message of the connection is handled in: Spring for GraphQL
     * restores the handshake's (captured under {@link #HANDSHAKE_CONTEXT}) on the thread of each message,
     * and synchronous code there, method security among it, reads the caller from it.
     */
    private static ContextSnapshot contextOf(Authentication caller) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(new SecurityContextImpl(caller));
        try {
            return ContextSnapshotFactory.builder().build().captureAll();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private static String bearerToken(Map<String, Object> payload) {
        for (var entry : payload.entrySet()) {
            if ("authorization".equalsIgnoreCase(entry.getKey()) && entry.getValue() instanceof String value
                    && value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return value.substring(BEARER.length()).strip();
            }
        }
        throw new BadCredentialsException("connection_init has no Authorization: Bearer token");
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request instanceof WebSocketGraphQlRequest socket
                && socket.getSessionInfo().getAttributes().get(AUTHENTICATION) instanceof Authentication caller) {
            SecurityContext context = new SecurityContextImpl(caller);
            return chain.next(request).contextWrite(Context.of(SecurityContext.class.getName(), context));
        }
        return chain.next(request);
    }
}
