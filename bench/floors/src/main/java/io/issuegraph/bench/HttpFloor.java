package io.issuegraph.bench;

import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP floor: the workloads' pages as plain JSON from Spring MVC, over the same JDBC queries, with
 * no GraphQL and no token check. The caller is named by the {@code user} parameter (1 to 100).
 */
@SpringBootApplication
@RestController
public class HttpFloor {

    private final Queries queries;

    HttpFloor(JdbcClient jdbc) {
        this.queries = new Queries(jdbc);
    }

    record CreateIssue(String title) {
    }

    @GetMapping("/list")
    Queries.Page list(@RequestParam(required = false) String after) {
        return queries.list(after);
    }

    @GetMapping("/filtered")
    Queries.Page filtered(@RequestParam int user) {
        return queries.filtered(new BenchUser(user).id());
    }

    @GetMapping("/search")
    Queries.Page search(@RequestParam String q) {
        return queries.search(q);
    }

    @GetMapping("/changed")
    Queries.Page changed() {
        return queries.changed();
    }

    @GetMapping("/count")
    Map<String, Long> count() {
        return Map.of("totalCount", queries.count());
    }

    @PostMapping("/create")
    Queries.Issue create(@RequestParam int user, @RequestBody CreateIssue input) {
        return queries.create(new BenchUser(user), input.title());
    }
}
