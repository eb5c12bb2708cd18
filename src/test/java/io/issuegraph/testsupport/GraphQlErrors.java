package io.issuegraph.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

/** What a refused request answers, the same in slices and over a transport. */
public final class GraphQlErrors {

    private GraphQlErrors() {
    }

    /** The request answers one error, of this classification, whose message holds {@code messagePart}. */
    public static void expectError(GraphQlTester.Request<?> request, ErrorType classification, String messagePart) {
        request.execute().errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getErrorType()).isEqualTo(classification);
            assertThat(errors.get(0).getMessage()).contains(messagePart);
        });
    }
}
