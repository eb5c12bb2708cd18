package io.issuegraph.web;

/**
 * Spring Security's firewall rules for header names and values ({@code StrictHttpFirewall}: assigned
 * code points, no control characters, a tab allowed in values), as a loop over the code points instead
 * of the regular expressions it runs on every header read, which were a visible part of a request's
 * cost (bench/RESULTS.md). {@code HeaderCharactersTest} holds them to Spring's expressions.
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    static boolean allowedName(String name) {
        return allowed(name, false);
    }

    static boolean allowedValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tab && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
