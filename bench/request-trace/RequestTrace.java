import com.sun.jdi.Bootstrap;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.MethodEntryEvent;
import com.sun.jdi.event.MethodExitEvent;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.EventRequestManager;
import com.sun.jdi.request.MethodEntryRequest;
import com.sun.jdi.request.MethodExitRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Which of issuegraph's source files one request runs through, and how often control passes from one
 * file to another, read off a running server through the debugger interface (JDI): every entry into and
 * exit from a method of io.issuegraph, on the thread that serves the request, while that one request is in
 * flight. Usage (bench/request-trace.sh runs it):
 *
 *   java --add-modules jdk.jdi RequestTrace.java JDWP_PORT URL TOKEN BODY WARMUPS
 *
 * The request is sent WARMUPS times first, unobserved, so that what is traced is a warm request.
 * "Going in" counts the hand-offs until the first call into the repository's file (the SQL), "coming out"
 * those after its last return; a hand-off is a step from one file to another in the order methods run
 * (a call or a return), and the distinct hand-offs count each pair of files once.
 */
public class RequestTrace {

    record Step(long thread, String threadName, String file) {
    }

    public static void main(String[] args) throws Exception {
        int jdwpPort = Integer.parseInt(args[0]);
        URI url = URI.create(args[1]);
        String token = args[2];
        String body = args[3];
        int warmups = Integer.parseInt(args[4]);
        String repository = args.length > 5 ? args[5] : "io.issuegraph.issue.IssueRepository";

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(url).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int i = 0; i < warmups; i++) {
            served(http.send(request, HttpResponse.BodyHandlers.ofString()));
        }

        AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(connector -> connector.name().equals("com.sun.jdi.SocketAttach")).findFirst().orElseThrow();
        var arguments = socket.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(Integer.toString(jdwpPort));
        VirtualMachine vm = socket.attach(arguments);
        EventRequestManager requests = vm.eventRequestManager();
        MethodEntryRequest entries = requests.createMethodEntryRequest();
        MethodExitRequest exits = requests.createMethodExitRequest();
        for (EventRequest each : List.of(entries, exits)) {
            each.setSuspendPolicy(EventRequest.SUSPEND_NONE);
        }
        entries.addClassFilter("io.issuegraph.*");
        exits.addClassFilter("io.issuegraph.*");
        entries.enable();
        exits.enable();

        List<Step> steps = new ArrayList<>();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        long quietUntil = Long.MAX_VALUE;
        while (System.nanoTime() < quietUntil) {
            EventSet events = vm.eventQueue().remove(50);
            if (answer.isDone() && quietUntil == Long.MAX_VALUE) {
                quietUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            }
            if (events == null) {
                continue;
            }
            for (Event event : events) {
                if (event instanceof MethodEntryEvent entry) {
                    steps.add(step(entry.thread(), entry.method()));
                } else if (event instanceof MethodExitEvent exit) {
                    steps.add(step(exit.thread(), exit.method()));
                }
            }
        }
        entries.disable();
        exits.disable();
        vm.dispose();
        System.out.println("answer: " + served(answer.get()).body());

        // The request's thread is the one the servlet filter ran on first.
        long served = steps.stream().filter(step -> step.file().endsWith(".RequestIds")).findFirst()
                .orElseThrow(() -> new IllegalStateException("RequestIds never ran: was the request traced?")).thread();
        List<Step> mine = steps.stream().filter(step -> step.thread() == served).toList();
        Map<String, Set<String>> others = new LinkedHashMap<>();
        steps.stream().filter(step -> step.thread() != served)
                .forEach(step -> others.computeIfAbsent(step.threadName(), name -> new LinkedHashSet<>()).add(step.file()));

        // Files in the order they first ran; hand-offs: the file changes from one event to the next.
        Set<String> files = new LinkedHashSet<>();
        List<String> order = new ArrayList<>();
        int firstSql = -1;
        int lastSql = -1;
        for (Step step : mine) {
            files.add(step.file());
            if (order.isEmpty() || !order.get(order.size() - 1).equals(step.file())) {
                order.add(step.file());
            }
            if (step.file().equals(repository)) {
                if (firstSql < 0) {
                    firstSql = order.size() - 1;
                }
                lastSql = order.size() - 1;
            }
        }
        Set<String> packages = new LinkedHashSet<>();
        files.forEach(file -> packages.add(file.substring(0, file.lastIndexOf('.'))));
        System.out.printf("files: %d in %d packages%n", files.size(), packages.size());
        files.forEach(file -> System.out.println("  " + file));
        System.out.println("packages: " + packages);
        if (firstSql < 0) {
            System.out.println("the repository " + repository + " never ran on the request's thread");
        } else {
            System.out.printf("hand-offs: %d going in (until the repository), %d coming out (after it), %d in all%n",
                    firstSql, order.size() - 1 - lastSql, order.size() - 1);
            System.out.printf("distinct hand-offs (pairs of files): %d going in, %d coming out, %d in all%n",
                    distinctPairs(order.subList(0, firstSql + 1)), distinctPairs(order.subList(lastSql, order.size())),
                    distinctPairs(order));
        }
        System.out.println("order of files: " + String.join(" > ", order.stream().map(RequestTrace::simple).toList()));
        others.forEach((thread, theirs) -> System.out.println("other thread " + thread + ": "
                + String.join(", ", theirs.stream().map(RequestTrace::simple).toList())));
    }

    /** The source file of a method: its top-level class (nested classes, lambdas and Spring's proxies folded in). */
    private static Step step(com.sun.jdi.ThreadReference thread, com.sun.jdi.Method method) {
        String type = method.declaringType().name();
        int nested = type.indexOf('$');
        return new Step(thread.uniqueID(), thread.name(), nested < 0 ? type : type.substring(0, nested));
    }

    /** Each step from one file to another counted once, however often it repeats (a filter per header, say). */
    private static long distinctPairs(List<String> order) {
        Set<String> pairs = new LinkedHashSet<>();
        for (int i = 1; i < order.size(); i++) {
            pairs.add(order.get(i - 1) + " > " + order.get(i));
        }
        return pairs.size();
    }

    private static String simple(String file) {
        return file.substring("io.issuegraph.".length());
    }

    /** A refused or failed request would trace the refusal, not the request. */
    private static HttpResponse<String> served(HttpResponse<String> response) {
        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
            throw new IllegalStateException("the request was not served: " + response.statusCode() + " " + response.body());
        }
        return response;
    }
}
