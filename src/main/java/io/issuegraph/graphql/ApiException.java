package io.issuegraph.graphql;

import graphql.ErrorClassification;
import graphql.GraphqlErrorBuilder;
import java.util.Map;
import org.springframework.graphql.execution.ErrorType;

/**
 * A failure the client caused and can fix. Its message is shown to the client as is, so it must be a
 * sentence a person understands and must never carry SQL, class names or secrets.
 */
public class ApiException extends RuntimeException {

    private final ErrorClassification classification;
    private final String code;

    public ApiException(ErrorType classification, String message) {
        this(classification, message, null);
    }

    /**
     * @param classification Spring for GraphQL's, or a {@link Refusal}
     * @param code a machine-readable reason in {@code extensions.code}, for clients that act on it
     */
    public ApiException(ErrorClassification classification, String message, String code) {
        super(message, null, false, false);
        this.classification = classification;
        this.code = code;
    }

    /** The error a client sees: classification, message, and the code when there is one. */
    public GraphqlErrorBuilder<?> toError(GraphqlErrorBuilder<?> error) {
        error.errorType(classification).message(getMessage());
        return code == null ? error : error.extensions(Map.of("code", code));
    }

    public static ApiException badRequest(String message) {
        return new ApiException(ErrorType.BAD_REQUEST, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(ErrorType.UNAUTHORIZED, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorType.FORBIDDEN, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorType.NOT_FOUND, message);
    }

    public ErrorClassification classification() {
        return classification;
    }
}
