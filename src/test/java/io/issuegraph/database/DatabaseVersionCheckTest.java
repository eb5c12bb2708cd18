package io.issuegraph.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which server versions the SQL of this project runs on (docs/operations.md#databases). */
class DatabaseVersionCheckTest {

    @Test
    void acceptsMySql8AndMariaDb106AndLater() {
        assertThat(DatabaseVersionCheck.unsupported("8.0.36")).isEmpty();
        assertThat(DatabaseVersionCheck.unsupported("8.4.3")).isEmpty();
        assertThat(DatabaseVersionCheck.unsupported("8.0.34-PlanetScale")).isEmpty();
        assertThat(DatabaseVersionCheck.unsupported("11.4.5-MariaDB")).isEmpty();
        assertThat(DatabaseVersionCheck.unsupported("5.5.5-10.6.12-MariaDB")).isEmpty();
    }

    @Test
    void refusesOlderServers() {
        assertThat(DatabaseVersionCheck.unsupported("5.7.44-log")).contains("MySQL 5.7");
        assertThat(DatabaseVersionCheck.unsupported("5.5.5-10.5.2-MariaDB")).contains("MariaDB 10.5");
        assertThat(DatabaseVersionCheck.unsupported("10.4.32-MariaDB")).contains("MariaDB 10.4");
        assertThat(DatabaseVersionCheck.unsupported("not a version")).contains("of unknown version not a version");
    }

    @Test
    void addressNeverShowsCredentials() {
        assertThat(DatabaseAddress.of("jdbc:mysql://bob:secret@db.example.com/issuegraph?password=x"))
                .isEqualTo(new DatabaseAddress("db.example.com:3306", "issuegraph"));
        assertThat(DatabaseAddress.of("jdbc:mysql://10.0.0.1:3307,10.0.0.2:3307/app"))
                .isEqualTo(new DatabaseAddress("10.0.0.1:3307,10.0.0.2:3307", "app"));
    }
}
