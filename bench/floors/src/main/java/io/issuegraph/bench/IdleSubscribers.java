package io.issuegraph.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Idle live updates, for bench/idle-memory.sh: {@code connections} graphql-ws connections spread over the
 * users' tokens; once all are acknowledged it prints {@code CONNECTED} and holds them {@code hold} seconds;
 * then it subscribes {@code perConnection} times on each (the web page's subscription), prints
 * {@code SUBSCRIBED}, holds {@code hold} seconds more, and closes them. Everything but the acknowledgements
 * is read and thrown away; the server's pings are not answered (Spring for GraphQL does not ask for a pong),
 * so that every message of a socket is sent from one thread, one at a time.
 */
final class IdleSubscribers {

    private static final String SUBSCRIBE = "{\"id\":\"%d\",\"type\":\"subscribe\",\"payload\":{\"query\":"
            + "\"subscription { issueEvents { kind issueId cursor issue { id title status updatedAt viewerCanUpdate } } }\"}}";

    private IdleSubscribers() {
    }

    static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<String> tokens = Files.readAllLines(Path.of(args[1])).stream().map(line -> line.split(" ")[1]).toList();
        int connections = Integer.parseInt(args[2]);
        int perConnection = Integer.parseInt(args[3]);
        long hold = Long.parseLong(args[4]) * 1_000;
        var acknowledged = new CountDownLatch(connections);
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            WebSocket socket = http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            if (data.toString().contains("\"connection_ack\"")) {
                                acknowledged.countDown();
                            }
                            webSocket.request(1);
                            return null;
                        }
                    }).join();
            socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer "
                    + tokens.get(i % tokens.size()) + "\"}}", true).join();
            sockets.add(socket);
        }
        if (!acknowledged.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException((connections - acknowledged.getCount()) + " of " + connections + " acknowledged");
        }
        System.out.println("CONNECTED " + connections);
        Thread.sleep(hold);
        for (WebSocket socket : sockets) {
            for (int id = 1; id <= perConnection; id++) {
                socket.sendText(SUBSCRIBE.formatted(id), true).join();
            }
        }
        System.out.println("SUBSCRIBED " + connections * perConnection);
        Thread.sleep(hold);
        sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join());
    }
}
