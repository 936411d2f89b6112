package io.workflowingest.platform;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The auth switch as the real application.properties sets it, resolved the way Quarkus does
 * (SmallRye Config, application.properties at ordinal 250, environment variables at 300):
 * off in dev and test, on in prod, and INGEST_AUTH_ENABLED=true wins over the dev profile's false.
 */
class AuthConfigPrecedenceTest {

    static SmallRyeConfig config(String profile, Map<String, String> env) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = AuthConfigPrecedenceTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(new EnvConfigSource(env, 300))
                .build();
    }

    static String enabled(SmallRyeConfig config) {
        return config.getOptionalValue("ingest.auth.enabled", String.class).orElse("true (mapping default)");
    }

    @Test
    void offInDevAndTestOnlyAndTheEnvironmentWins() throws IOException {
        assertEquals("false", enabled(config("dev", Map.of())));
        assertEquals("false", enabled(config("test", Map.of())));
        assertEquals("true (mapping default)", enabled(config("prod", Map.of())));
        assertEquals("true", enabled(config("dev", Map.of("INGEST_AUTH_ENABLED", "true"))));
        assertEquals("false", enabled(config("prod", Map.of("INGEST_AUTH_ENABLED", "false"))));
    }

    @Test
    void noKeysAreConfiguredByDefault() throws IOException {
        assertFalse(config("prod", Map.of()).getOptionalValue("ingest.auth.keys", String.class).isPresent());
    }
}
