package io.issuegraph;

/**
 * A setting is missing or malformed. Its message is one line naming the environment variable, which
 * {@link InvalidConfigurationFailureAnalyzer} prints instead of a stack trace, with the action to take.
 */
public class InvalidConfigurationException extends RuntimeException {

    private final String action;

    public InvalidConfigurationException(String message) {
        this(message, "Set the environment variable as docs/configuration.md describes.");
    }

    public InvalidConfigurationException(String message, String action) {
        super(message);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
