package io.issuegraph.graphql;

import graphql.language.OperationDefinition;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.observation.DefaultExecutionRequestObservationConvention;
import org.springframework.graphql.observation.ExecutionRequestObservationContext;
import org.springframework.graphql.observation.GraphQlObservationDocumentation.ExecutionRequestHighCardinalityKeyNames;

/**
 * The {@code graphql.request} timer is tagged with the operation's name as well as its type and outcome,
 * so that each client operation gets its own latency in Prometheus. Names come from clients, so they are
 * bounded: at most {@value #MAX_OPERATION_NAMES} distinct names, {@value #MAX_NAME_LENGTH} characters
 * each; further names are counted as {@code other}.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlMetrics {

    static final String OPERATION_NAME = ExecutionRequestHighCardinalityKeyNames.OPERATION_NAME.asString();
    static final int MAX_OPERATION_NAMES = 100;
    static final int MAX_NAME_LENGTH = 64;

    @Bean
    DefaultExecutionRequestObservationConvention operationNameAsMetricTag() {
        return new DefaultExecutionRequestObservationConvention() {

            @Override
            public KeyValues getLowCardinalityKeyValues(ExecutionRequestObservationContext context) {
                return super.getLowCardinalityKeyValues(context).and(KeyValue.of(OPERATION_NAME, executedOperationName(context)));
            }
        };
    }

    /** Micrometer's own {@code maximumAllowableTags} can only drop the meters beyond the limit, not rename them. */
    @Bean
    MeterFilter boundedOperationNames() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        return new MeterFilter() {

            @Override
            public Meter.Id map(Meter.Id id) {
                String name = id.getName().equals("graphql.request") ? id.getTag(OPERATION_NAME) : null;
                if (name == null || seen.contains(name) || (seen.size() < MAX_OPERATION_NAMES && seen.add(name))) {
                    return id;
                }
                return id.replaceTags(Tags.of(id.getTagsAsIterable()).and(OPERATION_NAME, "other"));
            }
        };
    }

    /** The executed operation's name; {@code anonymous} without one, {@code none} when nothing was executed. */
    private static String executedOperationName(ExecutionRequestObservationContext context) {
        if (context.getExecutionContext() == null) {
            return "none";
        }
        OperationDefinition operation = context.getExecutionContext().getOperationDefinition();
        String name = operation == null ? null : operation.getName();
        if (name == null || name.isEmpty()) {
            return "anonymous";
        }
        return name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
    }
}
