package io.issuegraph.ratelimit;

import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.language.OperationDefinition;
import io.github.bucket4j.ConsumptionProbe;
import io.issuegraph.RequestPipeline;
import io.issuegraph.graphql.OperationCheck;
import io.issuegraph.graphql.Refusal;
import io.issuegraph.identity.IdentityAuthentication;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A mutation takes {@code mutationCost - 1} more tokens from its caller's bucket once its operation is
 * known (whether it came as text or by hash), before any of its fields runs: over the limit, it runs
 * nothing.
 */
@Component
@Order(RequestPipeline.MUTATION_COST)
class MutationCostCheck implements OperationCheck {

    private final RateLimitBuckets buckets;

    MutationCostCheck(RateLimitBuckets buckets) {
        this.buckets = buckets;
    }

    @Override
    public void check(ExecutionContext operation) {
        IdentityAuthentication caller = operation.getGraphQLContext().get(IdentityAuthentication.CONTEXT_KEY);
        int extra = buckets.limits().mutationCost() - 1;
        if (buckets.limits().enabled() && caller != null && extra > 0
                && operation.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION) {
            ConsumptionProbe probe = buckets.chargeUser(caller.getName(), extra, true);
            if (!probe.isConsumed()) {
                throw new AbortExecutionException(List.of(Refusal.TOO_MANY_REQUESTS.error(RateLimitBuckets.MESSAGE,
                        Refusal.seconds(probe.getNanosToWaitForRefill()))));
            }
        }
    }
}
