package io.workflowingest.platform;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.workflowingest.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Both datasources take their user and password from {@link ProbeCredentialsProvider}, as they
 * take IAM tokens from {@code rds-iam} in the {@code aws} profile. The provider's user is a role
 * of its own, so a test can tell the provider's connections from any other.
 */
public class PoolCredentialsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.credentials-provider", ProbeCredentialsProvider.NAME,
                "quarkus.datasource.credentials-provider-name", ProbeCredentialsProvider.NAME);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ProbeRole.class));
    }

    /** Creates the provider's role before the application (and Flyway) connects with it. */
    public static class ProbeRole implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
                // A password, not trust: CI's fresh clusters trust only postgres on TCP.
                s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '"
                        + ProbeCredentialsProvider.USER + "') then create role " + ProbeCredentialsProvider.USER
                        + " login superuser password '" + ProbeCredentialsProvider.PASSWORD + "'; end if; end $$");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the probe role", e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }
}
