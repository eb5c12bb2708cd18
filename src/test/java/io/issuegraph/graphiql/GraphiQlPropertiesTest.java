package io.issuegraph.graphiql;

import static io.issuegraph.testsupport.EnvironmentVariables.bind;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ISSUEGRAPH_GRAPHIQL_AUTHORIZATION: GraphiQL's header editor starts empty unless the launcher fills it. */
class GraphiQlPropertiesTest {

    @Test
    void unsetTheHeaderStartsEmpty() {
        assertThat(bind(GraphiQlProperties.class).authorization()).isEmpty();
    }

    @Test
    void theLaunchersHeaderIsTakenWithoutSurroundingSpace() {
        assertThat(bind(GraphiQlProperties.class, "ISSUEGRAPH_GRAPHIQL_AUTHORIZATION= Bearer eyJ.a.b ").authorization())
                .isEqualTo("Bearer eyJ.a.b");
    }
}
