package io.issuegraph;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuegraph.graphql.OperationCheck;
import io.issuegraph.testsupport.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;

/** The running application's steps are those of docs/architecture.md#every-step-in-order, in that order. */
class RequestPipelineTest extends IntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    List<OperationCheck> checks;

    @Test
    void theGraphQlInterceptorsRunInTheDocumentedOrder() throws IOException {
        assertThat(context.getBeanProvider(WebGraphQlInterceptor.class).orderedStream().map(RequestPipelineTest::name))
                .containsExactlyElementsOf(documented("interceptor"));
    }

    @Test
    void theOperationChecksRunInTheDocumentedOrder() throws IOException {
        assertThat(checks.stream().map(RequestPipelineTest::name)).containsExactlyElementsOf(documented("check"));
    }

    /** The API chain holds Spring Security's own filters too: those named in the docs come in their order. */
    @Test
    void theApiFiltersRunInTheDocumentedOrder() throws IOException {
        List<String> documented = documented("filter");
        SecurityFilterChain api = context.getBean(FilterChainProxy.class).getFilterChains().stream()
                .filter(chain -> chain.getFilters().stream().anyMatch(filter -> name(filter).equals("AddressRateLimitFilter")))
                .findFirst().orElseThrow();

        assertThat(api.getFilters().stream().map(RequestPipelineTest::name).filter(documented::contains))
                .containsExactlyElementsOf(documented);
    }

    private static String name(Object step) {
        return AopUtils.getTargetClass(step).getSimpleName();
    }

    /** The names of the steps of one kind in the docs' ```pipeline block, in order. */
    private static List<String> documented(String kind) throws IOException {
        Matcher block = Pattern.compile("```pipeline\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("docs", "architecture.md")));
        assertThat(block.find()).as("a ```pipeline block in docs/architecture.md").isTrue();
        List<String> names = block.group(1).lines().map(line -> line.trim().split("\\s+"))
                .filter(words -> words[0].equals(kind)).map(words -> words[1]).toList();
        assertThat(names).as("steps of kind %s", kind).isNotEmpty();
        return names;
    }
}
