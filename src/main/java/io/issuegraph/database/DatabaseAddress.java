package io.issuegraph.database;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;

/**
 * What a start-up report may say about {@code SPRING_DATASOURCE_URL}: the host and port tried and the
 * database name, never the user, password or parameters that a URL can also carry.
 */
record DatabaseAddress(String hostAndPort, String database) {

    static final String VARIABLE = "SPRING_DATASOURCE_URL";
    static final String PROPERTY = "spring.datasource.url";

    // jdbc:mysql://[user[:password]@]host[:port][,host...]/database[?parameters]
    private static final Pattern URL = Pattern.compile("^jdbc:mysql(?:\\+srv)?:(?:[a-z]+:)?//(?:[^@/]*@)?([^/?]*)/?([^?]*)");

    static DatabaseAddress of(Environment environment) {
        return of(environment == null ? null : environment.getProperty(PROPERTY));
    }

    static DatabaseAddress of(String url) {
        Matcher parts = URL.matcher(url == null ? "" : url);
        if (!parts.find()) {
            return new DatabaseAddress("(unknown host)", "");
        }
        String hosts = parts.group(1).isEmpty() ? "localhost" : parts.group(1);
        boolean hasPort = hosts.contains(",") || hosts.matches(".*:\\d+");
        return new DatabaseAddress(hasPort ? hosts : hosts + ":3306", parts.group(2));
    }

    /** Connector/J (MySQL's driver, which talks to MariaDB and Vitess too) is the only driver issuegraph ships. */
    static boolean isSupported(String url) {
        return url != null && (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mysql+srv:"));
    }
}
