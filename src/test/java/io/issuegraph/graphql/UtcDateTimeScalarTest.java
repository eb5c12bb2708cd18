package io.issuegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.GraphQLContext;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingSerializeException;
import io.issuegraph.testsupport.Fuzz;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The scalar writes every value as the library's DateTime does, text for text. */
class UtcDateTimeScalarTest {

    private static final GraphQLContext CONTEXT = GraphQLContext.getDefault();
    private static final Coercing<?, ?> LIBRARY = ExtendedScalars.DateTime.getCoercing();
    private static final Coercing<?, ?> OURS = UtcDateTimeScalar.of(ExtendedScalars.DateTime).getCoercing();

    @Test
    void writesWhatTheLibraryWrites() {
        Fuzz fuzz = Fuzz.seeded("UtcDateTimeScalarTest");
        long year10000 = OffsetDateTime.of(10_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long second = fuzz.oneOf(f -> f.between(0, 1 << 30) * 4L,
                    f -> year10000 - f.between(-100_000, 100_000), f -> -62_167_219_200L + f.between(-100_000, 100_000),
                    f -> f.between(-(1 << 29), 1 << 29) * 160L);
            int nano = fuzz.oneOf(f -> 0, f -> f.between(0, 999) * 1_000_000, f -> f.between(0, 999_999_999));
            ZoneOffset offset = fuzz.oneOf(f -> ZoneOffset.UTC, f -> ZoneOffset.UTC,
                    f -> ZoneOffset.ofTotalSeconds(f.between(-18 * 3600, 18 * 3600) / 60 * 60));
            OffsetDateTime time = Instant.ofEpochSecond(second, nano).atOffset(offset);
            assertThat(OURS.serialize(time, CONTEXT, Locale.ROOT)).as("%s", time)
                    .isEqualTo(LIBRARY.serialize(time, CONTEXT, Locale.ROOT));
        }
    }

    @Test
    void leavesOtherValuesAndParsingToTheLibrary() {
        assertThat(OURS.serialize("2026-12-06T01:02:03.4+01:00", CONTEXT, Locale.ROOT)).isEqualTo("2026-12-06T01:02:03.400+01:00");
        assertThatThrownBy(() -> OURS.serialize(42, CONTEXT, Locale.ROOT)).isInstanceOf(CoercingSerializeException.class);
        assertThat(OURS.parseValue("2026-12-06T00:15:30.123Z", CONTEXT, Locale.ROOT))
                .isEqualTo(OffsetDateTime.of(2026, 12, 6, 0, 15, 30, 123_000_000, ZoneOffset.UTC));
        assertThat(UtcDateTimeScalar.format(OffsetDateTime.of(7, 2, 3, 4, 5, 6, 999_999_999, ZoneOffset.UTC)))
                .isEqualTo("0007-02-03T04:05:06.999Z");
    }
}
