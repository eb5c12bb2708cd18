package io.issuegraph.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * The {@code subscribers} workload's clients: {@code count} graphql-ws connections, spread over the
 * users' tokens, each with {@code perConnection} subscriptions (default 1) to every issue event. Prints
 * {@code READY} once every connection is acknowledged, and {@code LIVE} once every subscription has
 * received an event (so the server holds them all: graphql-ws does not acknowledge a subscribe); then,
 * for {@code seconds}, records the delay from each created issue's {@code createdAt} (set by the server
 * just before its commit) to its arrival, but for the events of the first {@code warmup} seconds, which
 * it receives without recording (bench/run.sh's subscribed warm-up). Ends with
 * {@code RESULT subscribers=… events=… p50_ms=… p99_ms=… max_ms=…}.
 * <p>
 * It shares a core with wrk and must not be what limits the deliveries it measures: at 1,000 subscriptions
 * under the mixed load that is over 100,000 messages a second. So each connection is a plain socket read by
 * a thread of its own, speaking just the WebSocket framing it needs (RFC 6455), and each message is looked
 * at as bytes: no text decoding, no regular expression, no date parser for the server's fixed
 * {@code 2026-12-06T00:15:30.123Z} (bench/RESULTS.md, "The subscribers' client").
 *
 * <pre>subscribers PORT TOKENS_FILE COUNT SECONDS [PER_CONNECTION [WARMUP]]</pre>
 */
final class Subscribers {

    private static final String SUBSCRIBE = "{\"id\":\"%d\",\"type\":\"subscribe\",\"payload\":{\"query\":"
            + "\"subscription { issueEvents { kind issueId issue { createdAt } } }\"}}";

    private Subscribers() {
    }

    static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<String> tokens = Files.readAllLines(Path.of(args[1])).stream().map(line -> line.split(" ")[1]).toList();
        int count = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int perConnection = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        var shared = new Shared(new CountDownLatch(count), new CountDownLatch(count * perConnection), new AtomicBoolean());
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var connection = new Connection(port, tokens.get(i % tokens.size()), perConnection, shared);
            connections.add(connection);
            Thread thread = new Thread(connection, "subscriber-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        if (!shared.ready().await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException((count - shared.ready().getCount()) + " of " + count + " connections acknowledged");
        }
        System.out.println("READY");
        Thread live = new Thread(() -> {
            try {
                shared.live().await();
                System.out.println("LIVE");
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        live.setDaemon(true);
        live.start();
        Thread.sleep(warmup * 1_000L);
        shared.recording().set(true);
        Thread.sleep((seconds - warmup) * 1_000L);
        shared.recording().set(false);
        var delays = new Histogram(3);
        long events = 0;
        for (Connection connection : connections) {
            synchronized (connection) {
                delays.add(connection.delays);
                events += connection.delays.getTotalCount();
            }
            connection.close();
        }
        System.out.printf("RESULT subscribers=%d events=%d p50_ms=%d p99_ms=%d max_ms=%d%n", count, events,
                delays.getValueAtPercentile(50), delays.getValueAtPercentile(99), delays.getMaxValue());
    }

    private record Shared(CountDownLatch ready, CountDownLatch live, AtomicBoolean recording) {
    }

    /** One graphql-ws connection: its socket, the thread that reads it, and the delays it recorded. */
    private static final class Connection implements Runnable {

        private static final byte[] NEXT = bytes("\"type\":\"next\"");
        private static final byte[] ACK = bytes("\"type\":\"connection_ack\"");
        private static final byte[] PING = bytes("\"type\":\"ping\"");
        private static final byte[] ID = bytes("\"id\":\"");
        private static final byte[] CREATED = bytes("\"kind\":\"CREATED\"");
        private static final byte[] CREATED_AT = bytes("\"createdAt\":\"");
        private static final int TIME_LENGTH = "2026-12-06T00:15:30.123Z".length();

        private final int port;
        private final String token;
        private final int perConnection;
        private final Shared shared;
        private final BitSet heard = new BitSet();
        private final Histogram delays = new Histogram(3);
        private Socket socket;
        private OutputStream out;
        private byte[] message = new byte[4096];
        /** The epoch milliseconds of the hour of the last time read ("2026-12-06T00"), to read the next ones by their minutes. */
        private final byte[] hour = new byte[13];
        private long hourMillis = -1;

        Connection(int port, String token, int perConnection, Shared shared) {
            this.port = port;
            this.token = token;
            this.perConnection = perConnection;
            this.shared = shared;
        }

        @Override
        public void run() {
            try {
                socket = new Socket("127.0.0.1", port);
                socket.setTcpNoDelay(true);
                out = socket.getOutputStream();
                var in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
                handshake(in);
                send(1, bytes("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}"));
                read(in);
            } catch (IOException ended) {
                if (socket == null || !socket.isClosed()) {
                    System.err.println("subscriber connection ended: " + ended);
                }
            }
        }

        void close() throws IOException {
            send(8, new byte[] {0x03, (byte) 0xe8}); // 1000, normal closure
            socket.close();
        }

        private void handshake(DataInputStream in) throws IOException {
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            out.write(bytes("GET /graphql HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                    + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n"));
            out.flush();
            var head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("no WebSocket: " + head.toString().lines().findFirst().orElse(""));
            }
        }

        /** Reads frames until the server closes; a message's fragments are joined before it is looked at. */
        private void read(DataInputStream in) throws IOException {
            int length = 0;
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long size = second & 0x7f;
                if (size == 126) {
                    size = in.readUnsignedShort();
                } else if (size == 127) {
                    size = in.readLong();
                }
                int opcode = first & 0x0f;
                byte[] payload = opcode < 8 ? room(length, (int) size) : new byte[(int) size];
                in.readFully(payload, opcode < 8 ? length : 0, (int) size);
                switch (opcode) {
                    case 0, 1 -> {
                        length += (int) size;
                        if ((first & 0x80) != 0) {
                            received(length);
                            length = 0;
                        }
                    }
                    case 8 -> {
                        return;
                    }
                    case 9 -> send(10, payload);
                    default -> { } // a pong, or a binary frame graphql-ws does not send
                }
            }
        }

        private byte[] room(int length, int size) {
            if (message.length < length + size) {
                message = Arrays.copyOf(message, Math.max(message.length * 2, length + size));
            }
            return message;
        }

        private void received(int length) throws IOException {
            if (indexOf(message, length, NEXT, 0) >= 0) {
                int id = id(length);
                if (id >= 0 && !heard.get(id)) {
                    heard.set(id);
                    shared.live().countDown();
                }
                if (shared.recording().get() && indexOf(message, length, CREATED, 0) >= 0) {
                    int at = indexOf(message, length, CREATED_AT, 0);
                    if (at >= 0 && at + CREATED_AT.length + TIME_LENGTH <= length) {
                        long delay = System.currentTimeMillis() - epochMillis(at + CREATED_AT.length);
                        synchronized (this) {
                            delays.recordValue(Math.max(0, delay));
                        }
                    }
                }
            } else if (indexOf(message, length, ACK, 0) >= 0) {
                for (int n = 1; n <= perConnection; n++) {
                    send(1, bytes(SUBSCRIBE.formatted(n)));
                }
                shared.ready().countDown();
            } else if (indexOf(message, length, PING, 0) >= 0) {
                send(1, bytes("{\"type\":\"pong\"}"));
            }
        }

        private int id(int length) {
            int at = indexOf(message, length, ID, 0);
            if (at < 0) {
                return -1;
            }
            int id = 0;
            for (int i = at + ID.length; i < length && message[i] >= '0' && message[i] <= '9'; i++) {
                id = id * 10 + (message[i] - '0');
            }
            return id;
        }

        /** The server's UTC time with milliseconds, read by its digits; the hour's start is computed once an hour. */
        private long epochMillis(int at) {
            if (message[at + TIME_LENGTH - 1] != 'Z' || message[at + 19] != '.') {
                return Instant.parse(new String(message, at, TIME_LENGTH, StandardCharsets.US_ASCII)).toEpochMilli();
            }
            if (hourMillis < 0 || !Arrays.equals(message, at, at + hour.length, hour, 0, hour.length)) {
                System.arraycopy(message, at, hour, 0, hour.length);
                hourMillis = LocalDateTime.of(digits(at, 4), digits(at + 5, 2), digits(at + 8, 2), digits(at + 11, 2), 0)
                        .toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            return hourMillis + digits(at + 14, 2) * 60_000L + digits(at + 17, 2) * 1_000L + digits(at + 20, 3);
        }

        private int digits(int at, int width) {
            int value = 0;
            for (int i = at; i < at + width; i++) {
                value = value * 10 + (message[i] - '0');
            }
            return value;
        }

        /** One frame, masked as a client's must be (with a zero mask: the server unmasks it all the same). */
        private synchronized void send(int opcode, byte[] payload) throws IOException {
            int size = payload.length;
            byte[] frame = new byte[(size < 126 ? 2 : 4) + 4 + size];
            frame[0] = (byte) (0x80 | opcode);
            int at = 2;
            if (size < 126) {
                frame[1] = (byte) (0x80 | size);
            } else {
                frame[1] = (byte) (0x80 | 126);
                frame[2] = (byte) (size >> 8);
                frame[3] = (byte) size;
                at = 4;
            }
            System.arraycopy(payload, 0, frame, at + 4, size);
            out.write(frame);
            out.flush();
        }

        private static int indexOf(byte[] text, int length, byte[] part, int from) {
            outer:
            for (int i = from; i <= length - part.length; i++) {
                for (int j = 0; j < part.length; j++) {
                    if (text[i + j] != part[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        private static byte[] bytes(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
