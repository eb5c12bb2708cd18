package io.issuegraph.identity.standin;

import io.issuegraph.identity.standin.GoTrueStandIn.Flavour;
import io.issuegraph.identity.standin.GoTrueStandIn.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * GoTrue's users and refresh tokens, in memory, and the user object GoTrue shows for a user. With a file
 * (the local server's, under target/), the users are also kept there, so that they outlive a restart.
 */
final class StandInAccounts {

    /** GoTrue's users row, as far as the stand-in needs it. */
    record Account(String id, String aud, String role, String email, String password, List<String> roles,
            Map<String, Object> userMetadata, Instant createdAt, Instant updatedAt) {

        User toUser() {
            Object name = userMetadata == null ? null : userMetadata.get("full_name");
            return new User(id, email, name instanceof String s ? s : null, roles);
        }

        Account with(String newRole, List<String> newRoles) {
            return new Account(id, aud, newRole, email, password, newRoles, userMetadata, createdAt, now());
        }
    }

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Flavour flavour;
    private final Map<String, Account> users = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>(); // token -> user id
    private final Path file;
    private final JsonMapper json;

    /** @param file where the users are kept across restarts, or null for memory only */
    StandInAccounts(Flavour flavour, Path file, JsonMapper json) {
        this.flavour = flavour;
        this.file = file;
        this.json = json;
        if (file != null && Files.exists(file)) {
            json.readValue(file.toFile(), new TypeReference<List<Account>>() { })
                    .forEach(account -> users.put(account.id(), account));
        }
    }

    /** Adds a confirmed user, or returns empty when the email is taken (compared case-insensitively, as MySQL does). */
    Optional<Account> insert(String email, String password, Map<String, Object> metadata, List<String> roles) {
        return insert(UUID.randomUUID().toString(), email, password, metadata, roles);
    }

    synchronized Optional<Account> insert(String id, String email, String password, Map<String, Object> metadata,
            List<String> roles) {
        if (users.values().stream().anyMatch(a -> a.email().equalsIgnoreCase(email))) {
            return Optional.empty();
        }
        // new users get role "" on netlify (JWT_DEFAULT_GROUP_NAME) and "authenticated" on supabase
        String role = flavour == Flavour.NETLIFY ? "" : "authenticated";
        Instant now = now();
        // a user created without metadata reads back from GoTrue's database as {} (seen on netlify/gotrue
        // ab1bf15: in its tokens and /user; only the sign-up answer itself shows null)
        Account account = new Account(id, defaultAud(), role, email, password,
                List.copyOf(roles), metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata)),
                now, now);
        users.put(account.id(), account);
        save();
        return Optional.of(account);
    }

    void update(String id, UnaryOperator<Account> change) {
        String key = parseUuid(id).orElseThrow(() -> new IllegalArgumentException("not a UUID: " + id));
        if (users.computeIfPresent(key, (k, account) -> change.apply(account)) == null) {
            throw new IllegalArgumentException("unknown user " + id);
        }
        save();
    }

    /** The user with this (canonical) id, or null. */
    Account get(String id) {
        return users.get(id);
    }

    /** Removes the user; null when there was none. */
    Account remove(String id) {
        Account removed = parseUuid(id).map(users::remove).orElse(null);
        save();
        return removed;
    }

    Optional<Account> withEmail(String email) {
        return users.values().stream().filter(a -> a.email().equalsIgnoreCase(email)).findFirst();
    }

    /** Writes all users to the file, whole, through a temporary file, so a crash leaves the old or the new list. */
    private synchronized void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path written = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(written.toFile(), List.copyOf(users.values()));
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not keep the local identity's users in " + file, failed);
        }
    }

    boolean exists(String id) {
        return parseUuid(id).map(users::containsKey).orElse(false);
    }

    Optional<Account> withPassword(String email, String password) {
        return users.values().stream()
                .filter(a -> a.email().equalsIgnoreCase(email) && a.password().equals(password))
                .findFirst();
    }

    String newRefreshToken(Account account) {
        String refreshToken = randomToken();
        refreshTokens.put(refreshToken, account.id());
        return refreshToken;
    }

    /** Refresh tokens rotate: each works once, and one of a deleted user no longer works. */
    Optional<Account> redeem(String refreshToken) {
        return Optional.ofNullable(refreshTokens.remove(refreshToken)).map(users::get);
    }

    /** Only refresh tokens die: access tokens stay valid until exp (docs/identity.md#tokens-outlive-deletion). */
    void logout(String userId) {
        refreshTokens.values().removeIf(userId::equals);
    }

    /** docs/identity.md#tokens: netlify's JWT_AUD is empty; hosted supabase uses "authenticated". */
    String defaultAud() {
        return flavour == Flavour.NETLIFY ? "" : "authenticated";
    }

    Map<String, Object> appMetadata(Account account) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("provider", "email");
        if (flavour == Flavour.SUPABASE) {
            app.put("providers", List.of("email"));
        }
        if (!account.roles().isEmpty()) {
            app.put("roles", account.roles());
        }
        return app;
    }

    /**
     * user_metadata as GoTrue shows it. supabase/auth (bc32168) copies the email identity's data into it:
     * {@code email}, {@code email_verified}, {@code phone_verified} and {@code sub} next to the sign-up data.
     */
    Map<String, Object> userMetadata(Account account) {
        if (flavour == Flavour.NETLIFY) {
            return account.userMetadata();
        }
        Map<String, Object> metadata = new LinkedHashMap<>(Objects.requireNonNullElse(account.userMetadata(), Map.of()));
        metadata.put("email", account.email());
        metadata.put("email_verified", true);
        metadata.put("phone_verified", false);
        metadata.put("sub", account.id());
        return metadata;
    }

    /** The netlify user object (docs/identity.md#the-user-object-and-get-user). */
    Map<String, Object> userJson(Account account) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", account.id());
        user.put("aud", account.aud());
        user.put("role", account.role());
        user.put("email", account.email());
        user.put("confirmed_at", account.createdAt().toString());
        user.put("app_metadata", appMetadata(account));
        user.put("user_metadata", userMetadata(account));
        user.put("created_at", account.createdAt().toString());
        user.put("updated_at", account.updatedAt().toString());
        return user;
    }

    /** The users of one audience, newest first, as GoTrue lists them. */
    List<Map<String, Object>> list(String aud) {
        return users.values().stream()
                .filter(a -> a.aud().equals(aud))
                .sorted(Comparator.comparing(Account::createdAt).reversed().thenComparing(Account::email))
                .map(this::userJson)
                .toList();
    }

    /**
     * Parses a UUID as gofrs/uuid does (docs/identity.md#sending-the-id-and-the-body): canonical, braced,
     * 32 hex digits, or with a {@code urn:uuid:} prefix, any case. Returns the canonical lower-case form.
     */
    static Optional<String> parseUuid(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text;
        if ((s.length() == 41 || s.length() == 45) && s.startsWith("urn:uuid:")) {
            s = s.substring(9);
        } else if (s.length() == 38 && s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, 37);
        }
        if (s.length() == 32) {
            s = s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-"
                    + s.substring(16, 20) + "-" + s.substring(20);
        }
        return CANONICAL_UUID.matcher(s).matches() ? Optional.of(s.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Instant now() {
        // whole seconds, like the timestamps netlify/gotrue stores in MySQL
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
