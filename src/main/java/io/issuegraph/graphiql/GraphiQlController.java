package io.issuegraph.graphiql;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.databind.json.JsonMapper;

/** The GraphiQL page and the headers it starts with. */
@Controller
class GraphiQlController {

    static final String HINT = """
            # Add your access token under Headers below:
            #   {"Authorization": "Bearer <token>"}
            # Get one from your Identity's /token
            # (docs/clients.md).""";

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");

    private final GraphiQlProperties properties;
    private final JsonMapper json;

    GraphiQlController(GraphiQlProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @GetMapping({"/graphiql", "/graphiql/"})
    String page() {
        return "forward:/graphiql/index.html";
    }

    /** {@code headers}: the header editor's text; {@code hint}: comment lines above the first query. */
    @GetMapping("/graphiql/settings.json")
    @ResponseBody
    Map<String, String> settings(HttpServletRequest request) {
        if (properties.authorization().isBlank() || !isLoopback(request.getRemoteAddr())) {
            return Map.of("headers", "", "hint", HINT);
        }
        String headers = "{\n  \"Authorization\": " + json.writeValueAsString(properties.authorization()) + "\n}";
        return Map.of("headers", headers, "hint", "# Local development: you are the demo user.");
    }

    /** The prefilled token is for the developer at this machine, not for anyone on their network. */
    static boolean isLoopback(String address) {
        return address != null && (LOOPBACK_V4.matcher(address).matches() || "0:0:0:0:0:0:0:1".equals(address)
                || "::1".equals(address));
    }
}
