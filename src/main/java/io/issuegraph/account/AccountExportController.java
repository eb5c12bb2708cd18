package io.issuegraph.account;

import io.issuegraph.graphql.Refusal;
import io.issuegraph.identity.ClosedAccounts;
import io.issuegraph.identity.IdentityAuthentication;
import io.issuegraph.issue.Issue;
import io.issuegraph.issue.IssueService;
import io.issuegraph.ratelimit.RateLimitBuckets;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /me/export}: the caller's data, as a JSON download (the right of access; deleting the account is its
 * twin, docs/api.md#download-my-data). Written to the response as it is read, a batch of issues at a time, so
 * neither the server nor the database holds the whole export.
 */
@RestController
class AccountExportController {

    static final String PATH = "/me/export";

    private final IssueService issues;
    private final RateLimitBuckets buckets;
    private final JsonMapper json;
    private final Clock clock;

    AccountExportController(IssueService issues, RateLimitBuckets buckets, JsonMapper json, Clock clock) {
        this.issues = issues;
        this.buckets = buckets;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Open accounts only, as for every API call. It costs what paging through the caller's issues would: one
     * request per page of 100 (at most a full bucket), from the same bucket as the GraphQL requests.
     */
    @GetMapping(PATH)
    void export(IdentityAuthentication caller, HttpServletResponse response) throws IOException {
        if (caller.isClosingAccount()) {
            // answered by the security chain's entry point, as every refused token (401, WWW-Authenticate)
            throw new InvalidBearerTokenException(ClosedAccounts.ACCOUNT_DELETED);
        }
        String userId = caller.getPrincipal().id();
        OptionalLong retryAfter = buckets.charge(userId, issues.pagesAssignedTo(userId));
        if (retryAfter.isPresent()) {
            refuse(response, retryAfter.getAsLong());
            return;
        }
        Instant now = clock.instant();
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("issuegraph-export-" + now.atOffset(ZoneOffset.UTC).toLocalDate() + ".json").build().toString());
        try (JsonGenerator out = json.createGenerator(response.getOutputStream());
                Stream<Issue> all = issues.allAssignedTo(userId)) {
            out.writeStartObject();
            out.writeStringProperty("exportedAt", now.toString());
            out.writePOJOProperty("user", caller.getPrincipal());
            out.writeArrayPropertyStart("issues");
            all.forEach(out::writePOJO);
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    private void refuse(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        var headers = new HttpHeaders();
        Refusal.TOO_MANY_REQUESTS.addHeaders(headers, retryAfterSeconds);
        headers.forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
        response.setStatus(Refusal.TOO_MANY_REQUESTS.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Map.of("errors", List.of(Refusal.TOO_MANY_REQUESTS
                .error(RateLimitBuckets.MESSAGE, retryAfterSeconds).toSpecification())));
    }
}
