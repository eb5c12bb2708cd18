package io.issuegraph.example.service;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Waits and tries again when issuegraph answers 429 (rate limited) or 503 (database or identity
 * briefly unavailable), for as long as its {@code Retry-After} says, or with doubling waits when it
 * says nothing; gives up after {@code maxRetries}.
 */
final class BackOff implements ExchangeFilterFunction {

    private static final System.Logger LOG = System.getLogger(BackOff.class.getName());
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(2);

    private final int maxRetries;
    private final Duration firstWait;

    BackOff(int maxRetries, Duration firstWait) {
        this.maxRetries = maxRetries;
        this.firstWait = firstWait;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return attempt(request, next, 0);
    }

    private Mono<ClientResponse> attempt(ClientRequest request, ExchangeFunction next, int retry) {
        return next.exchange(request).flatMap(response -> {
            int status = response.statusCode().value();
            if ((status != 429 && status != 503) || retry >= maxRetries) {
                return Mono.just(response);
            }
            Duration wait = retryAfter(response.headers().asHttpHeaders())
                    .orElse(firstWait.multipliedBy(1L << retry));
            LOG.log(System.Logger.Level.WARNING, "issuegraph answered {0}; trying again in {1} s", status,
                    wait.toMillis() / 1000.0);
            return response.releaseBody().then(Mono.delay(wait)).then(attempt(request, next, retry + 1));
        });
    }

    /** Retry-After as seconds or as an HTTP date, never longer than two minutes. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException neither) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        return Optional.of(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
    }
}
