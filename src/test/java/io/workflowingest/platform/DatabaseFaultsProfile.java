package io.workflowingest.platform;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.net.URI;
import java.util.Map;

/**
 * The application's reactive pool goes through a {@link FaultyTcpProxy} the test controls
 * (Flyway's JDBC connection does not), with short timeouts so faults show within seconds.
 */
public class DatabaseFaultsProfile implements QuarkusTestProfile {

    private static final String PORT_PROPERTY = "workflow-ingest.test.faulty-proxy-port";

    /** One port per test JVM, shared by the profile (config) and the test (proxy). */
    public static synchronized int proxyPort() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            port = Integer.toString(FaultyTcpProxy.freePort());
            System.setProperty(PORT_PROPERTY, port);
        }
        return Integer.parseInt(port);
    }

    /** The real database, from the usual variable (the test profile's default otherwise). */
    public static URI databaseUri() {
        String url = System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL");
        return URI.create(url == null || url.isBlank() ? "postgresql://127.0.0.1:5432/workflow_ingest_test" : url);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        URI db = databaseUri();
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxyPort() + db.getPath(),
                "quarkus.datasource.reactive.additional-properties.statement_timeout", "2s",
                "ingest.database.connect-timeout", "2s",
                "ingest.database.read-timeout", "4s");
    }
}
