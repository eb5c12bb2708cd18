package io.issuegraph.web;

import io.issuegraph.InvalidConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which browser pages may call the API (environment {@code ISSUEGRAPH_CORS_*}).
 *
 * @param allowedOrigins exact origins such as {@code https://app.example.com}; none by default, so no
 *     page on another origin can call the API
 * @param maxAge how long a browser may reuse a preflight answer
 */
@ConfigurationProperties("issuegraph.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {

    public CorsProperties {
        allowedOrigins = allowedOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
        allowedOrigins.forEach(CorsProperties::requireOrigin);
    }

    /** An origin is scheme, host and port only: a path or a wildcard would never match what browsers send. */
    private static void requireOrigin(String origin) {
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException malformed) {
            uri = null;
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawUserInfo() != null) {
            throw new InvalidConfigurationException("ISSUEGRAPH_CORS_ALLOWED_ORIGINS holds \"" + origin
                    + "\", which is not an origin like https://app.example.com (scheme, host and port only).");
        }
    }
}
