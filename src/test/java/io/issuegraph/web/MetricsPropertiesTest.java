package io.issuegraph.web;

import static io.issuegraph.testsupport.EnvironmentVariables.assertRefused;
import static io.issuegraph.testsupport.EnvironmentVariables.bind;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ISSUEGRAPH_METRICS_SCRAPE_PASSWORD: who may read the metrics, and a password too short to keep them private. */
class MetricsPropertiesTest {

    @Test
    void unsetOrBlankNobodyMayReadTheMetrics() {
        assertThat(bind(MetricsProperties.class).scrapePassword()).isNull();
        assertThat(bind(MetricsProperties.class, "ISSUEGRAPH_METRICS_SCRAPE_PASSWORD=  ").scrapePassword()).isNull();
    }

    @Test
    void aPasswordOfSixteenCharactersIsTakenAndNeverPrinted() {
        MetricsProperties metrics = bind(MetricsProperties.class, "ISSUEGRAPH_METRICS_SCRAPE_PASSWORD=sixteen-chars-ok");
        assertThat(metrics.scrapePassword()).isEqualTo("sixteen-chars-ok");
        assertThat(metrics).hasToString("MetricsProperties[scrapePassword=set]");
    }

    @Test
    void aShorterOneIsRefused() {
        assertRefused(MetricsProperties.class, "ISSUEGRAPH_METRICS_SCRAPE_PASSWORD=fifteen-chars-x")
                .hasMessage("ISSUEGRAPH_METRICS_SCRAPE_PASSWORD must be at least 16 characters.");
    }
}
