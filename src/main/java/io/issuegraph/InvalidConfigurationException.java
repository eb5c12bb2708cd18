package io.issuegraph;

/**
 * A setting is missing or malformed. Its message is one line naming the environment variable, which
 * {@link InvalidConfigurationFailureAnalyzer} prints instead of a stack trace.
 */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
