package io.issuegraph.bench;

/** The benchmark's users: numbered, so that the seed, the tokens and the floors agree on them. */
record BenchUser(int number) {

    String id() {
        return String.format("00000000-0000-4000-8000-%012d", number);
    }

    String email() {
        return String.format("user%03d@bench.example", number);
    }

    String name() {
        return String.format("Bench User %03d", number);
    }
}
