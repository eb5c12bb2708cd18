package io.issuegraph.identity;

import java.util.List;
import java.util.Map;

/**
 * The caller, as a verified Identity token (or GoTrue's {@code /user} answer) describes them.
 *
 * @param id the GoTrue user id ({@code sub})
 * @param email may be empty (Supabase phone users)
 * @param name {@code user_metadata.full_name}, else the part of the email before {@code @}
 * @param roles {@code app_metadata.roles}, empty when there are none
 */
public record IdentityUser(String id, String email, String name, List<String> roles) {

    static final String ADMIN_ROLE = "admin";
    /** What {@code issues.assignee_name} holds, in characters (code points). */
    static final int MAX_NAME_LENGTH = 255;

    public IdentityUser {
        roles = List.copyOf(roles);
    }

    /** Admins may change and delete every issue (Netlify's role-based access uses app_metadata.roles). */
    public boolean isAdmin() {
        return roles.contains(ADMIN_ROLE);
    }

    /**
     * Builds the user from GoTrue's claim or user shapes: the token claims and the {@code /user} body
     * carry {@code email}, {@code app_metadata} and {@code user_metadata} alike (docs/identity.md#the-principal).
     */
    static IdentityUser from(String id, Map<String, ?> attributes) {
        String email = text(attributes.get("email"));
        String fullName = text(map(attributes.get("user_metadata")).get("full_name"));
        String name = !fullName.isBlank() ? fullName.strip() : localPart(email);
        return new IdentityUser(id, email, truncate(name.isEmpty() ? id : name),
                roles(map(attributes.get("app_metadata")).get("roles")));
    }

    /** Cut on a code point boundary, so that no surrogate pair is split. */
    private static String truncate(String name) {
        return name.codePointCount(0, name.length()) <= MAX_NAME_LENGTH ? name
                : name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH));
    }

    private static String localPart(String email) {
        int at = email.indexOf('@');
        return (at >= 0 ? email.substring(0, at) : email).strip();
    }

    private static List<String> roles(Object value) {
        return value instanceof List<?> list
                ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList()
                : List.of();
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static String text(Object value) {
        return value instanceof String text ? text : "";
    }
}
