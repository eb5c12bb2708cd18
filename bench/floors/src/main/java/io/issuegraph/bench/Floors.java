package io.issuegraph.bench;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;

/**
 * The benchmark's helpers, one jar: {@code tokens} mints the users' HS256 tokens, {@code db} is the
 * database floor (a JDBC load client), {@code http} the HTTP floor (plain JSON over the same queries),
 * {@code subscribers} the live updates' clients, {@code idle} idle ones (bench/idle-memory.sh).
 */
public final class Floors {

    private Floors() {
    }

    public static void main(String[] args) throws Exception {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args.length == 0 ? "" : args[0]) {
            case "tokens" -> Tokens.main(rest);
            case "db" -> DbFloor.main(rest);
            case "http" -> SpringApplication.run(HttpFloor.class, rest);
            case "subscribers" -> Subscribers.main(rest);
            case "idle" -> IdleSubscribers.main(rest);
            default -> throw new IllegalArgumentException("usage: floors.jar tokens|db|http|subscribers|idle …");
        }
    }
}
