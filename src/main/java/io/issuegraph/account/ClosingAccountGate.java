package io.issuegraph.account;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.issuegraph.identity.IdentityAuthentication;
import java.util.List;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The token of an account that is being closed (its Identity user not yet deleted) counts for one thing:
 * calling {@code deleteMyAccount} again, which retries the Identity deletion. Any other operation is
 * refused as the token of a deleted account, before it runs. Only such callers pay for the extra parse.
 */
@Component
class ClosingAccountGate implements WebGraphQlInterceptor {

    private static final String FINISH_CLOSING = "deleteMyAccount";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof IdentityAuthentication caller
                && caller.isClosingAccount() && !onlyFinishesClosing(request)) {
            var refused = ExecutionResult.newExecutionResult().addError(GraphqlErrorBuilder.newError()
                    .message("account deleted").errorType(ErrorType.UNAUTHORIZED).build()).build();
            return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused)));
        }
        return chain.next(request);
    }

    /** A mutation whose only top-level fields are {@code deleteMyAccount} (aliases allowed, nothing else). */
    private static boolean onlyFinishesClosing(WebGraphQlRequest request) {
        if (request.getDocument() == null) {
            return false; // e.g. a persisted document named by hash only: not worth resolving for this
        }
        Document document;
        try {
            document = Parser.parse(request.getDocument());
        } catch (InvalidSyntaxException | IllegalArgumentException unreadable) {
            return false;
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        return document.getDefinitions().size() == 1 && operations.size() == 1
                && operations.get(0).getOperation() == OperationDefinition.Operation.MUTATION
                && operations.get(0).getSelectionSet().getSelections().stream()
                        .allMatch(selection -> selection instanceof Field field && FINISH_CLOSING.equals(field.getName()));
    }
}
