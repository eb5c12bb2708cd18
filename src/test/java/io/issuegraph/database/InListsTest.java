package io.issuegraph.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class InListsTest {

    @Test
    void aListIsItsValuesThenItsLastUntilAPowerOfTwo() {
        assertThat(InLists.padded(List.of())).isEmpty();
        assertThat(InLists.padded(List.of(7L))).containsExactly(7L);
        assertThat(InLists.padded(List.of(7L, 9L))).containsExactly(7L, 9L);
        assertThat(InLists.padded(List.of(7L, 9L, 3L))).containsExactly(7L, 9L, 3L, 3L);
        assertThat(InLists.padded(List.of(1L, 2L, 3L, 4L, 5L))).containsExactly(1L, 2L, 3L, 4L, 5L, 5L, 5L, 5L);
    }

    @Test
    void aThousandLengthsAreElevenSqlTexts() {
        assertThat(IntStream.rangeClosed(1, 1_000)
                .map(size -> InLists.padded(LongStream.rangeClosed(1, size).boxed().toList()).size()).distinct())
                .containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1_024);
    }
}
