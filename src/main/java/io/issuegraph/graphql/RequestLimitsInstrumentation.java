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
import graphql.execution.ExecutionContext;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.language.VariableReference;
import graphql.parser.ParserOptions;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Every limit of {@link GraphQlApiProperties}, each checked as early as it can be: parser limits go
 * with the request; the shape of the document (fields, aliases, root and mutation fields, directives) is
 * counted after parsing and before validation; depth, complexity and the fields that make the database
 * read many rows are measured in one walk of the operation once its types are known, before anything
 * runs; then every {@link OperationCheck}. The one instrumentation of these rules: graphql-java calls
 * each instrumentation on every field of every request, so several, even doing nothing per field, cost
 * (bench/RESULTS.md).
 */
@Component
class RequestLimitsInstrumentation extends SimplePerformantInstrumentation {

    private final GraphQlApiProperties limits;
    private final ParserOptions parserOptions;
    private final List<OperationCheck> checks;
    /** The sizes of operations whose size reads no variable, held as long as the document cache holds them. */
    private final Cache<OperationDefinition, Size> sizes;

    RequestLimitsInstrumentation(GraphQlApiProperties limits, List<OperationCheck> checks) {
        this.limits = limits;
        this.checks = List.copyOf(checks);
        this.sizes = Caffeine.newBuilder().executor(Runnable::run).weakKeys().maximumSize(limits.documentCacheSize()).build();
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
        OperationShape.excess(documentAndVariables.getDocument(), limits).ifPresent(RequestLimitsInstrumentation::refuse);
        return documentAndVariables;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        var execution = parameters.getExecutionContext();
        Size size = sizes.getIfPresent(execution.getOperationDefinition());
        if (size == null) {
            size = measure(execution);
            if (!readsVariables(execution.getDocument())) {
                sizes.put(execution.getOperationDefinition(), size);
            }
        }
        if (size.depth() > limits.maxDepth()) {
            refuse("maximum query depth exceeded " + size.depth() + " > " + limits.maxDepth());
        }
        if (size.complexity() > limits.maxComplexity()) {
            refuse("maximum query complexity exceeded " + size.complexity() + " > " + limits.maxComplexity());
        }
        if (size.paginated() > limits.maxPaginatedFields()) {
            refuse("The operation asks for more than " + limits.maxPaginatedFields()
                    + " lists or counts (fields with `first`, and `totalCount`); split it into several requests.");
        }
        checks.forEach(check -> check.check(execution));
        return super.beginExecuteOperation(parameters, state);
    }

    private static Size measure(ExecutionContext execution) {
        var measure = new Measure();
        QueryTraverser.newQueryTraverser()
                .schema(execution.getGraphQLSchema())
                .document(execution.getDocument())
                .operationName(execution.getOperationDefinition().getName())
                .coercedVariables(execution.getCoercedVariables())
                .build()
                .visitPostOrder(measure);
        return new Size(measure.depth, measure.complexityOfChildren.getOrDefault(null, 0), measure.paginated);
    }

    /**
     * Whether the size can differ from one request to the next: where a {@code first} argument or a
     * condition reads a variable. Else it is the operation's, measured once.
     */
    private static boolean readsVariables(Document document) {
        boolean[] reads = {false};
        new NodeTraverser().depthFirst(new NodeVisitorStub() {

            @Override
            public TraversalControl visitVariableReference(VariableReference variable, TraverserContext<Node> context) {
                for (var at = context; at != null; at = at.getParentContext()) {
                    if (at.thisNode() instanceof Argument argument) {
                        reads[0] |= argument.getName().equals("first") || at.getParentNode() instanceof Directive;
                        break;
                    }
                }
                return TraversalControl.CONTINUE;
            }
        }, document);
        return reads[0];
    }

    /** What the limits measure of an operation. */
    private record Size(int depth, int complexity, int paginated) {
    }

    /**
     * Depth (field levels), complexity (a field counts once, plus its selection once per requested row:
     * {@code first} multiplies) and paginated fields, in one post-order walk: a field's children are
     * visited before it, their complexity summed under it. graphql-java's walk (as its own depth and
     * complexity instrumentations use it) visits a fragment once however often it is spread: the field
     * and alias counts of {@link OperationShape} are what bound a fragment spread many times.
     */
    private static final class Measure extends QueryVisitorStub {

        final Map<QueryVisitorFieldEnvironment, Integer> complexityOfChildren = new HashMap<>();
        int depth;
        int paginated;

        @Override
        public void visitField(QueryVisitorFieldEnvironment field) {
            int level = 1;
            for (var parent = field.getParentEnvironment(); parent != null; parent = parent.getParentEnvironment()) {
                level++;
            }
            depth = Math.max(depth, level);
            if (field.getFieldDefinition().getArgument("first") != null || "totalCount".equals(field.getField().getName())) {
                paginated++;
            }
            int rows = field.getArguments().get("first") instanceof Integer first && first > 1 ? first : 1;
            int complexity = 1 + rows * complexityOfChildren.getOrDefault(field, 0);
            complexityOfChildren.merge(field.getParentEnvironment(), complexity, Integer::sum);
        }
    }

    static void refuse(String message) {
        throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError().message(message)
                .errorType(ErrorType.BAD_REQUEST).build()));
    }
}
