package io.issuegraph.web;

import io.issuegraph.InvalidConfigurationException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read {@code /actuator/prometheus} (environment {@code ISSUEGRAPH_METRICS_*}): error rates, pool
 * saturation and operation names are not for the public, so the endpoint needs HTTP Basic with user
 * {@value #SCRAPE_USER} and this password, which Prometheus sends with {@code basic_auth}.
 *
 * @param scrapePassword at least 16 characters; unset, nobody may read the metrics
 */
@ConfigurationProperties("issuegraph.metrics")
public record MetricsProperties(String scrapePassword) {

    static final String SCRAPE_USER = "prometheus";

    public MetricsProperties {
        scrapePassword = scrapePassword == null || scrapePassword.isBlank() ? null : scrapePassword;
        if (scrapePassword != null && scrapePassword.length() < 16) {
            throw new InvalidConfigurationException("ISSUEGRAPH_METRICS_SCRAPE_PASSWORD must be at least 16 characters.");
        }
    }

    /** Keeps the password out of logs and error reports. */
    @Override
    public String toString() {
        return "MetricsProperties[scrapePassword=" + (scrapePassword == null ? "unset" : "set") + "]";
    }
}
