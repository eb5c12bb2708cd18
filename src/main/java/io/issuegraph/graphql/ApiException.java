package io.issuegraph.graphql;

import org.springframework.graphql.execution.ErrorType;

/**
 * A failure the client caused and can fix. Its message is shown to the client as is, so it must be a
 * sentence a person understands and must never carry SQL, class names or secrets.
 */
public class ApiException extends RuntimeException {

    private final ErrorType classification;

    public ApiException(ErrorType classification, String message) {
        super(message, null, false, false);
        this.classification = classification;
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

    public ErrorType classification() {
        return classification;
    }
}
