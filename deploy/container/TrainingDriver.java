import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends issuegraph what the web page sends (client-examples/web/src/operations.ts), as a few signed-in
 * users at once, so that an AOT training run (deploy/container/train-aot.sh) loads and links the classes
 * of the request path: me, the issue list (plain, filtered, next page, totalCount), issue, create, update,
 * delete, and one live-updates stream over SSE. Tokens are minted here with the HS256 secret the server
 * was started with, shaped as GoTrue's.
 *
 * <pre>
 *   java TrainingDriver.java train GRAPHQL_URL HS256_SECRET SECONDS [USERS] [DONE_FILE]   # exit 1 if any answer was wrong
 *   java TrainingDriver.java check GRAPHQL_URL HS256_SECRET                   # one me, list and create; prints them
 *   java TrainingDriver.java token HS256_SECRET USER                          # prints training user USER's token
 * </pre>
 *
 * In training the live-updates stream stays open after the traffic until the server ends it: a stream
 * whose client left without a word is only noticed at the server's next write, which at shutdown is
 * logged as an ERROR. So the driver creates DONE_FILE when the traffic is over (train-aot.sh then stops
 * the server) and exits once the server has ended the stream.
 *
 * A single source file run by the JDK's source launcher (JDK 17+; no dependencies), so the image build
 * and CI need nothing but a JDK to run it.
 */
public final class TrainingDriver {

    private static final String ISSUE_FIELDS = "fragment IssueFields on Issue { id title status createdAt updatedAt "
            + "assignee { id name email } viewerCanUpdate viewerCanDelete }";
    private static final String ME = "query Me { me { id email name roles } }";
    private static final String ISSUES = "query Issues($first: Int!, $after: String, $filter: IssueFilter) { "
            + "issues(first: $first, after: $after, filter: $filter) { totalCount edges { cursor node { ...IssueFields } } "
            + "pageInfo { hasNextPage endCursor } } } " + ISSUE_FIELDS;
    private static final String ISSUE = "query Issue($id: ID!) { issue(id: $id) { ...IssueFields } } " + ISSUE_FIELDS;
    private static final String CREATE = "mutation CreateIssue($input: CreateIssueInput!) { createIssue(input: $input) "
            + "{ ...IssueFields } } " + ISSUE_FIELDS;
    private static final String UPDATE = "mutation UpdateIssue($id: ID!, $input: UpdateIssueInput!) { "
            + "updateIssue(id: $id, input: $input) { ...IssueFields } } " + ISSUE_FIELDS;
    private static final String DELETE = "mutation DeleteIssue($id: ID!) { deleteIssue(id: $id) }";
    private static final String EVENTS = "subscription IssueEvents { issueEvents { kind issueId cursor issue { ...IssueFields } } } "
            + ISSUE_FIELDS;

    private static final Pattern CREATED_ID = Pattern.compile("\"createIssue\":\\{\"id\":\"([^\"]+)\"");
    private static final Pattern END_CURSOR = Pattern.compile("\"endCursor\":\"([^\"]+)\"");
    private static final Pattern NEXT_EVENT = Pattern.compile("(?m)^event: ?next$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI graphql;
    private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
    private final AtomicLong events = new AtomicLong();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    private TrainingDriver(URI graphql) {
        this.graphql = graphql;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("token")) {
            System.out.println(token(args[1].getBytes(StandardCharsets.UTF_8), Integer.parseInt(args[2])));
            return;
        }
        if (args.length < 3 || !List.of("train", "check").contains(args[0])) {
            System.err.println("usage: java TrainingDriver.java train|check GRAPHQL_URL HS256_SECRET [SECONDS [USERS]]");
            System.err.println("       java TrainingDriver.java token HS256_SECRET USER");
            System.exit(2);
        }
        var driver = new TrainingDriver(URI.create(args[1]));
        byte[] secret = args[2].getBytes(StandardCharsets.UTF_8);
        if (args[0].equals("check")) {
            String token = token(secret, 1);
            System.out.println(driver.send(token, "me", ME, "{}"));
            System.out.println(driver.send(token, "issues", ISSUES, "{\"first\":5}"));
            System.out.println(driver.send(token, "createIssue", CREATE,
                    "{\"input\":{\"title\":\"Checked issue\",\"idempotencyKey\":\"" + UUID.randomUUID() + "\"}}"));
            System.exit(driver.failures.isEmpty() ? 0 : 1);
        }
        Duration length = Duration.ofSeconds(Long.parseLong(args.length > 3 ? args[3] : "20"));
        int users = Integer.parseInt(args.length > 4 ? args[4] : "4");
        System.exit(driver.train(secret, length, users, args.length > 5 ? Path.of(args[5]) : null));
    }

    private int train(byte[] secret, Duration length, int users, Path done) throws InterruptedException, IOException {
        Instant end = Instant.now().plus(length);
        List<Thread> threads = new ArrayList<>();
        String watcher = token(secret, 0);
        Thread stream = new Thread(() -> listen(watcher), "events");
        stream.start();
        for (int user = 1; user <= users; user++) {
            String token = token(secret, user);
            Thread thread = new Thread(() -> {
                while (Instant.now().isBefore(end) && failures.size() < 10) {
                    session(token);
                }
            }, "user-" + user);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println("training traffic: " + new TreeMap<>(sent));
        if (done != null) {
            Files.createFile(done);
        }
        stream.join(Duration.ofSeconds(done != null ? 60 : 1).toMillis());
        if (events.get() == 0) {
            failures.add("issueEvents: no event arrived");
        }
        System.out.println("live-update events received: " + events + (failures.isEmpty() ? "" : "; failures: " + failures));
        return failures.isEmpty() ? 0 : 1;
    }

    /** What one person does on the page: look at the list, add an issue, move it on, page and filter, delete it. */
    private void session(String token) {
        send(token, "me", ME, "{}");
        String first = send(token, "issues", ISSUES, "{\"first\":20}");
        String created = send(token, "createIssue", CREATE,
                "{\"input\":{\"title\":\"Training issue\",\"idempotencyKey\":\"" + UUID.randomUUID() + "\"}}");
        Matcher id = CREATED_ID.matcher(created);
        if (id.find()) {
            String issue = "\"id\":\"" + id.group(1) + "\"";
            send(token, "issue", ISSUE, "{" + issue + "}");
            send(token, "updateIssue", UPDATE, "{" + issue + ",\"input\":{\"status\":\"IN_PROGRESS\"}}");
            send(token, "updateIssue", UPDATE, "{" + issue + ",\"input\":{\"title\":\"Training issue, renamed\",\"status\":\"DONE\"}}");
            send(token, "issues", ISSUES, "{\"first\":20,\"filter\":{\"status\":[\"TODO\",\"IN_PROGRESS\"],\"assignedToMe\":true}}");
            Matcher cursor = END_CURSOR.matcher(first);
            if (cursor.find()) {
                send(token, "issues", ISSUES, "{\"first\":20,\"after\":\"" + cursor.group(1) + "\"}");
            }
            send(token, "deleteIssue", DELETE, "{" + issue + "}");
        } else if (!created.isEmpty()) {
            failures.add("createIssue answered " + created);
        }
    }

    /** Returns the body of a 200 answer without errors; anything else is recorded as a failure and gives "". */
    private String send(String token, String operation, String query, String variables) {
        sent.computeIfAbsent(operation, name -> new AtomicLong()).incrementAndGet();
        try {
            HttpResponse<String> response = http.send(request(token, query, variables).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
                failures.add(operation + ": HTTP " + response.statusCode() + " " + response.body());
                return "";
            }
            return response.body();
        } catch (IOException failed) {
            failures.add(operation + ": " + failed);
            return "";
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Reads the live updates over SSE (the server's format: event: next, data: …) until the server ends the stream. */
    private void listen(String token) {
        sent.computeIfAbsent("issueEvents", name -> new AtomicLong()).incrementAndGet();
        HttpRequest request = request(token, EVENTS, "{}").timeout(Duration.ofHours(1))
                .header("Accept", "text/event-stream").build();
        try {
            http.send(request, HttpResponse.BodyHandlers.ofLines()).body()
                    .forEach(line -> events.addAndGet(NEXT_EVENT.matcher(line).matches() ? 1 : 0));
        } catch (IOException failed) {
            failures.add("issueEvents: " + failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest.Builder request(String token, String query, String variables) {
        String body = "{\"query\":\"" + query.replace("\"", "\\\"") + "\",\"variables\":" + variables + "}";
        return HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** A token as GoTrue signs it (HS256; sub, email, exp, app_metadata, user_metadata) for training user n. */
    private static String token(byte[] secret, int n) {
        String user = String.format("00000000-0000-4000-a000-%012d", n);
        String claims = "{\"sub\":\"" + user + "\",\"email\":\"trainer" + n + "@training.invalid\",\"aud\":\"\",\"exp\":"
                + Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + ",\"app_metadata\":{\"provider\":\"email\","
                + "\"roles\":" + (n == 0 ? "[\"admin\"]" : "[]") + "},\"user_metadata\":{\"full_name\":\"Trainer " + n + "\"}}";
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String unsigned = base64url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + base64url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return unsigned + "." + base64url.encodeToString(hmac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
