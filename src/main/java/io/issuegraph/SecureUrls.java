package io.issuegraph;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * URLs that tokens, tickets or admin credentials travel to must be {@code https://}; plain
 * {@code http://} only to this machine (loopback), which keeps local development and tests simple.
 */
public final class SecureUrls {

    private static final Pattern LOOPBACK = Pattern.compile("localhost|127(\\.\\d{1,3}){3}|\\[::1]|\\[0*:(0*:){0,6}0*1]",
            Pattern.CASE_INSENSITIVE);

    private SecureUrls() {
    }

    /**
     * @throws InvalidConfigurationException naming {@code variable} when {@code url} is set and is not
     *     an absolute https URL (or http to a loopback host)
     */
    public static void require(URI url, String variable) {
        if (url == null) {
            return;
        }
        if (!url.isAbsolute() || url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new InvalidConfigurationException(variable + " must be an absolute http(s) URL.");
        }
        if ("http".equals(url.getScheme()) && !LOOPBACK.matcher(url.getHost()).matches()) {
            throw new InvalidConfigurationException(variable + " must be an https:// URL (http:// only for localhost): "
                    + "tokens and credentials are sent to it.");
        }
    }
}
