package io.issuegraph.example.service;

import java.time.Clock;
import java.time.Duration;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Spring's {@link HttpGraphQlClient} for the service: its own account's current token, and patience on 429 and 503. */
final class IssuegraphClient {

    private IssuegraphClient() {
    }

    static HttpGraphQlClient create(ServiceSettings settings, Clock clock) {
        GoTrueTokens tokens = new GoTrueTokens(WebClient.builder(), settings, clock);
        WebClient webClient = WebClient.builder()
                .baseUrl(settings.graphqlUrl().toString())
                .filter(new BackOff(5, Duration.ofSeconds(1)))
                // a current token on every request, retries included (a long wait may outlast a token)
                .filter((request, next) -> Mono.fromCallable(tokens::accessToken)
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(token -> next.exchange(ClientRequest.from(request)
                                .headers(headers -> headers.setBearerAuth(token)).build())))
                .build();
        return HttpGraphQlClient.builder(webClient).build();
    }

    /** The answer, or an exception when issuegraph refused the request. */
    static ClientGraphQlResponse valid(ClientGraphQlResponse response) {
        if (response == null || !response.isValid() || !response.getErrors().isEmpty()) {
            throw new IllegalStateException("issuegraph refused the query: "
                    + (response == null ? "no response" : response.getErrors()));
        }
        return response;
    }
}
