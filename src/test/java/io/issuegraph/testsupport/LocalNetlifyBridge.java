package io.issuegraph.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The real Netlify Function of client-examples/netlify-identity-bridge, served by Node the way Netlify
 * would serve it (local/serve.js), in front of the GoTrue stand-in.
 */
public final class LocalNetlifyBridge implements AutoCloseable {

    private static final Path SERVER = Path.of("client-examples/netlify-identity-bridge/local/serve.js");

    private final Process node;
    private final URI url;

    private LocalNetlifyBridge(Process node, int port) {
        this.node = node;
        this.url = URI.create("http://127.0.0.1:" + port + "/.netlify/functions/delete-identity-user");
    }

    /** The secret issuegraph and the function share (a test value, never a real one). */
    public static final String SECRET = "test-bridge-secret-of-at-least-32-bytes";

    public static LocalNetlifyBridge start(URI gotrueUrl, String adminToken) {
        var builder = new ProcessBuilder("node", SERVER.toAbsolutePath().toString()).redirectErrorStream(true);
        builder.environment().put("GOTRUE_URL", gotrueUrl.toString());
        builder.environment().put("GOTRUE_ADMIN_TOKEN", adminToken);
        builder.environment().put("ISSUEGRAPH_IDENTITY_DELETE_BRIDGE_SECRET", SECRET);
        builder.environment().put("PORT", "0");
        try {
            Process node = builder.start();
            var output = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            String line = output.readLine();
            if (line == null || !line.startsWith("listening ")) {
                node.destroy();
                throw new IllegalStateException("The local Netlify bridge did not start: " + line);
            }
            return new LocalNetlifyBridge(node, Integer.parseInt(line.substring("listening ".length()).strip()));
        } catch (IOException noNode) {
            throw new IllegalStateException("Node.js is needed to serve the Netlify bridge function", noNode);
        }
    }

    public URI url() {
        return url;
    }

    @Override
    public void close() {
        node.destroy();
    }
}
