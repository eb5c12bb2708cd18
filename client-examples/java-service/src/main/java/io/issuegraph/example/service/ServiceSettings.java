package io.issuegraph.example.service;

import java.net.URI;
import java.util.Map;

/**
 * What the service needs, from the environment as a deployed service would get it.
 *
 * @param graphqlUrl the GraphQL endpoint ({@code ISSUEGRAPH_URL} + {@code /graphql})
 * @param identityUrl GoTrue's base URL ({@code ISSUEGRAPH_IDENTITY_URL}, e.g.
 *     {@code https://site.netlify.app/.netlify/identity})
 * @param email the service account's email ({@code ISSUEGRAPH_SERVICE_EMAIL})
 * @param password the service account's password ({@code ISSUEGRAPH_SERVICE_PASSWORD})
 * @param status which issues to list ({@code ISSUE_STATUS}: TODO, IN_PROGRESS or DONE; TODO by default)
 * @param pageSize issues per request ({@code ISSUEGRAPH_PAGE_SIZE}, 1 to 100; 50 by default)
 */
public record ServiceSettings(URI graphqlUrl, URI identityUrl, String email, String password, String status,
        int pageSize) {

    public static ServiceSettings fromEnvironment(Map<String, String> env) {
        return new ServiceSettings(
                URI.create(required(env, "ISSUEGRAPH_URL").replaceAll("/+$", "") + "/graphql"),
                URI.create(required(env, "ISSUEGRAPH_IDENTITY_URL").replaceAll("/+$", "")),
                required(env, "ISSUEGRAPH_SERVICE_EMAIL"),
                required(env, "ISSUEGRAPH_SERVICE_PASSWORD"),
                env.getOrDefault("ISSUE_STATUS", "TODO"),
                Integer.parseInt(env.getOrDefault("ISSUEGRAPH_PAGE_SIZE", "50")));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set (see client-examples/java-service/README.md)");
        }
        return value;
    }

    @Override
    public String toString() {
        // never the password
        return "ServiceSettings[graphqlUrl=" + graphqlUrl + ", identityUrl=" + identityUrl + ", email=" + email
                + ", status=" + status + ", pageSize=" + pageSize + "]";
    }
}
