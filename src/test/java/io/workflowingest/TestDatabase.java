package io.workflowingest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The test database over plain JDBC, for tests that also run against the packaged artifact
 * ({@code @QuarkusIntegrationTest}), where nothing of the application can be injected. The same
 * variables as the test profile choose it.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        String url = System.getenv().getOrDefault("QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://127.0.0.1:5432/workflow_ingest_test");
        return DriverManager.getConnection(url, System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""));
    }
}
