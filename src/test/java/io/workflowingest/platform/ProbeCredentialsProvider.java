package io.workflowingest.platform;

import io.quarkus.arc.Unremovable;
import io.quarkus.credentials.CredentialsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A credentials provider that counts how often the datasources ask it (see {@link PoolCredentialsTest}). */
@ApplicationScoped
@Named(ProbeCredentialsProvider.NAME)
@Unremovable
public class ProbeCredentialsProvider implements CredentialsProvider {

    static final String NAME = "test-probe";
    static final String USER = "workflow_ingest_probe";
    static final String PASSWORD = "probe-not-a-secret";

    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public Map<String, String> getCredentials(String credentialsProviderName) {
        CALLS.incrementAndGet();
        return Map.of(USER_PROPERTY_NAME, USER, PASSWORD_PROPERTY_NAME, PASSWORD);
    }
}
