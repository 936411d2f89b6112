package io.workflowingest.platform;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Auth on, with one key per scope plus one key listed under two scopes. Only the SHA-256 hashes
 * go into the configuration, as in a deployment; one is upper-case to prove hex case does not
 * matter.
 */
public class AuthEnabledProfile implements QuarkusTestProfile {

    public static final String INGEST_KEY = "ingest-key-5b0e0d6f2a8c4e1f9d3b7a6c";
    public static final String READ_KEY = "read-key-91c2e4f6a8b0d2c4e6f8a0b2";
    public static final String ADMIN_KEY = "admin-key-0f1e2d3c4b5a69788796a5b4";
    /** Listed twice: ingest and read. */
    public static final String INGEST_READ_KEY = "ingest-read-key-7d6c5b4a39281706";
    public static final String UNKNOWN_KEY = "not-a-configured-key-000000000000";

    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(ApiKeys.sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    public static String keysSetting() {
        return String.join(",",
                "ingest:" + sha256Hex(INGEST_KEY),
                " read : " + sha256Hex(READ_KEY).toUpperCase(Locale.ROOT),
                "admin:" + sha256Hex(ADMIN_KEY),
                "ingest:" + sha256Hex(INGEST_READ_KEY),
                "READ:" + sha256Hex(INGEST_READ_KEY));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("ingest.auth.enabled", "true", "ingest.auth.keys", keysSetting());
    }
}
