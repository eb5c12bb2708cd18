package io.issuegraph.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.parser.ParserOptions;
import java.util.List;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * The limits of {@link GraphQlApiProperties} that graphql-java has no instrumentation for, each checked
 * as early as it can be: parser limits go with the request; the shape of
 * the document (fields, aliases, root and mutation fields, directives) is counted after parsing and
 * before validation; the fields that make the database read many rows are counted once the operation's
 * types are known, before anything runs. Depth and complexity are graphql-java's own
 * ({@link GraphQlLimitsConfiguration}).
 */
@Component
class RequestLimits extends SimplePerformantInstrumentation {

    private final GraphQlApiProperties limits;
    private final ParserOptions parserOptions;

    RequestLimits(GraphQlApiProperties limits) {
        this.limits = limits;
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(options -> options
                .maxCharacters(limits.maxDocumentCharacters())
                .maxTokens(limits.maxDocumentTokens())
                .maxWhitespaceTokens(limits.maxDocumentCharacters())
                .maxRuleDepth(limits.maxParserDepth()));
    }

    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        input.getGraphQLContext().put(ParserOptions.class, parserOptions);
        return input;
    }

    /** Refusals here reach the client through {@link PersistedDocuments}, which parses and validates. */
    @Override
    public DocumentAndVariables instrumentDocumentAndVariables(DocumentAndVariables documentAndVariables,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        OperationShape.excess(documentAndVariables.getDocument(), limits).ifPresent(RequestLimits::refuse);
        return documentAndVariables;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        var execution = parameters.getExecutionContext();
        var counter = new QueryVisitorStub() {
            int paginated;

            @Override
            public void visitField(QueryVisitorFieldEnvironment field) {
                if (field.getFieldDefinition().getArgument("first") != null
                        || "totalCount".equals(field.getField().getName())) {
                    paginated++;
                }
            }
        };
        QueryTraverser.newQueryTraverser()
                .schema(execution.getGraphQLSchema())
                .document(execution.getDocument())
                .operationName(execution.getOperationDefinition().getName())
                .coercedVariables(execution.getCoercedVariables())
                .build()
                .visitPreOrder(counter);
        if (counter.paginated > limits.maxPaginatedFields()) {
            refuse("The operation asks for more than " + limits.maxPaginatedFields()
                    + " lists or counts (fields with `first`, and `totalCount`); split it into several requests.");
        }
        return super.beginExecuteOperation(parameters, state);
    }

    static void refuse(String message) {
        throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError().message(message)
                .errorType(ErrorType.BAD_REQUEST).build()));
    }
}
