package io.issuegraph.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * graphql-java-extended-scalars' {@code DateTime}, with the times resolvers hand it (UTC, years 0 to 9999)
 * written without its {@code DateTimeFormatter}, which took about 2 % of a list's CPU (bench/RESULTS.md):
 * the same text ({@code 2026-12-06T00:15:30.123Z}, milliseconds always), as UtcDateTimeScalarTest checks
 * against the library. Every other value, and all parsing, is the library's.
 */
final class UtcDateTimeScalar {

    private static final String PATTERN = "0000-00-00T00:00:00.000Z";

    private UtcDateTimeScalar() {
    }

    static GraphQLScalarType of(GraphQLScalarType library) {
        @SuppressWarnings("unchecked")
        Coercing<Object, String> coercing = (Coercing<Object, String>) library.getCoercing();
        return library.transform(scalar -> scalar.coercing(new Coercing<Object, String>() {
            @Override
            public String serialize(Object value, GraphQLContext context, Locale locale) throws CoercingSerializeException {
                return value instanceof OffsetDateTime time && isUtcOfFourDigitYear(time) ? format(time)
                        : coercing.serialize(value, context, locale);
            }

            @Override
            public Object parseValue(Object input, GraphQLContext context, Locale locale) throws CoercingParseValueException {
                return coercing.parseValue(input, context, locale);
            }

            @Override
            public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale)
                    throws CoercingParseLiteralException {
                return coercing.parseLiteral(input, variables, context, locale);
            }

            @Override
            public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                return coercing.valueToLiteral(input, context, locale);
            }
        }));
    }

    private static boolean isUtcOfFourDigitYear(OffsetDateTime time) {
        return time.getOffset().getTotalSeconds() == 0 && time.getYear() >= 0 && time.getYear() <= 9999;
    }

    static String format(OffsetDateTime time) {
        char[] text = PATTERN.toCharArray();
        digits(text, 0, 4, time.getYear());
        digits(text, 5, 2, time.getMonthValue());
        digits(text, 8, 2, time.getDayOfMonth());
        digits(text, 11, 2, time.getHour());
        digits(text, 14, 2, time.getMinute());
        digits(text, 17, 2, time.getSecond());
        digits(text, 20, 3, time.getNano() / 1_000_000);
        return new String(text);
    }

    private static void digits(char[] text, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--, value /= 10) {
            text[i] = (char) ('0' + value % 10);
        }
    }
}
