package io.issuegraph.graphiql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GraphiQlControllerTest {

    @Test
    void thePrefilledTokenIsForThisMachineOnly() {
        assertThat(GraphiQlController.isLoopback("127.0.0.1")).isTrue();
        assertThat(GraphiQlController.isLoopback("127.3.2.1")).isTrue();
        assertThat(GraphiQlController.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(GraphiQlController.isLoopback("192.168.1.20")).isFalse();
        assertThat(GraphiQlController.isLoopback("10.0.0.1")).isFalse();
        assertThat(GraphiQlController.isLoopback("2001:db8::1")).isFalse();
        assertThat(GraphiQlController.isLoopback("127.0.0.1.example.com")).isFalse();
        assertThat(GraphiQlController.isLoopback(null)).isFalse();
    }
}
