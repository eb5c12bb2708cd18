package io.issuegraph.testsupport;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Seeded random generators for fuzzing with plain JUnit: a run is repeated exactly with the seed it
 * prints, {@code -Dfuzz.seed=…} (docs/testing.md#fuzzing).
 */
public final class Fuzz {

    private final long seed;
    private final Random random;

    private Fuzz(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** The seed of {@code -Dfuzz.seed}, else a new one, printed so that a failing run can be repeated. */
    public static Fuzz seeded(String name) {
        String given = System.getProperty("fuzz.seed");
        long seed = given != null ? Long.parseLong(given) : System.nanoTime();
        System.out.println(name + ": fuzz seed " + seed + " (repeat with -Dfuzz.seed=" + seed + ")");
        return new Fuzz(seed);
    }

    public long seed() {
        return seed;
    }

    /** A generator: one value from this run's random source. */
    public interface Generator<T> extends Function<Fuzz, T> {
    }

    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    public <T> T of(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    public final <T> T oneOf(Generator<? extends T>... generators) {
        return generators[random.nextInt(generators.length)].apply(this);
    }

    /** Between {@code min} and {@code max} values, joined. */
    public String joined(int min, int max, String separator, IntFunction<String> value) {
        int count = between(min, max);
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < count; i++) {
            joined.append(i == 0 ? "" : separator).append(value.apply(i));
        }
        return joined.toString();
    }

    /** Any UTF-16 code units, surrogates and controls included. */
    public String anyString(int maxLength) {
        char[] chars = new char[between(0, maxLength)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
        }
        return new String(chars);
    }

    public String chars(char from, char to, int minLength, int maxLength) {
        char[] chars = new char[between(minLength, maxLength)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (from + random.nextInt(to - from + 1));
        }
        return new String(chars);
    }

    public byte[] bytes(int maxLength) {
        byte[] bytes = new byte[between(0, maxLength)];
        random.nextBytes(bytes);
        return bytes;
    }
}
