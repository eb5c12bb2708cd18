package io.issuegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

class RefusalTest {

    @Test
    void eachRefusalHasItsStatusAndTheHeaderThatGoesWithIt() {
        var tooMany = new HttpHeaders();
        Refusal.TOO_MANY_REQUESTS.addHeaders(tooMany, 7L);
        var notAllowed = new HttpHeaders();
        Refusal.METHOD_NOT_ALLOWED.addHeaders(notAllowed, null);

        assertThat(Refusal.TOO_MANY_REQUESTS.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(Refusal.PAYLOAD_TOO_LARGE.status().value()).isEqualTo(413);
        assertThat(tooMany.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
        assertThat(notAllowed.getFirst(HttpHeaders.ALLOW)).isEqualTo("POST");
        assertThat(Refusal.TOO_MANY_REQUESTS.error("slow down", 3L).getExtensions()).containsEntry("retryAfterSeconds", 3L);
    }

    @Test
    void onlyAWholeRequestRefusalDecidesTheStatus() {
        assertThat(Refusal.decidingStatus(errors(GraphqlErrorBuilder.newError().message("no")
                .errorType(ErrorType.FORBIDDEN).build()))).isEmpty();
        assertThat(Refusal.decidingStatus(errors(GraphqlErrorBuilder.newError().message("no")
                .errorType(ErrorType.FORBIDDEN).build(), Refusal.SERVICE_UNAVAILABLE.error("later", 1L))))
                .map(ResponseError::getErrorType).hasValue(Refusal.SERVICE_UNAVAILABLE);
    }

    @Test
    void secondsRoundUpAndAreNeverZero() {
        assertThat(Refusal.seconds(1)).isEqualTo(1);
        assertThat(Refusal.seconds(1_000_000_001L)).isEqualTo(2);
        assertThat(Refusal.seconds(0)).isEqualTo(1);
    }

    private static List<ResponseError> errors(GraphQLError... errors) {
        var result = ExecutionResult.newExecutionResult().errors(List.of(errors)).build();
        return new DefaultExecutionGraphQlResponse(ExecutionInput.newExecutionInput("{ me { id } }").build(), result).getErrors();
    }
}
