package io.workflowingest.platform;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The configuration the deployed function runs with (QUARKUS_PROFILE=prod,aws, set by terraform/):
 * IAM tokens from {@link RdsIamCredentialsProvider} and TLS verify-full against the bundled CA for
 * both datasources, no migration at start; and none of it in the dev or test profiles.
 */
class AwsProfileConfigTest {

    static SmallRyeConfig config(List<String> profiles, Map<String, String> environment) throws Exception {
        URL properties = AwsProfileConfigTest.class.getClassLoader().getResource("application.properties");
        assertNotNull(properties);
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfiles(profiles)
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new EnvConfigSource(environment, 300))
                .build()
                .unwrap(SmallRyeConfig.class);
    }

    static Optional<String> value(SmallRyeConfig config, String name) {
        return config.getOptionalValue(name, String.class);
    }

    @Test
    void awsProfileUsesIamTokensAndVerifiesTheServer() throws Exception {
        SmallRyeConfig aws = config(List.of("prod", "aws"), Map.of());
        assertEquals(Optional.of(RdsIamCredentialsProvider.NAME), value(aws, "quarkus.datasource.credentials-provider"));
        assertEquals(Optional.of(RdsIamCredentialsProvider.NAME), value(aws, "quarkus.datasource.credentials-provider-name"));
        assertEquals(Optional.of("verify-full"), value(aws, "quarkus.datasource.reactive.postgresql.ssl-mode"));
        assertEquals(Optional.of("HTTPS"), value(aws, "quarkus.datasource.reactive.hostname-verification-algorithm"));
        assertEquals(Optional.of("true"), value(aws, "quarkus.datasource.reactive.trust-certificate-pem.enabled"));
        assertEquals(Optional.of("/var/task/rds-ca-bundle.pem"), value(aws, "quarkus.datasource.reactive.trust-certificate-pem.certs"));
        assertEquals(Optional.of("verify-full"), value(aws, "quarkus.datasource.jdbc.additional-jdbc-properties.sslmode"));
        assertEquals(Optional.of("/var/task/rds-ca-bundle.pem"), value(aws, "quarkus.datasource.jdbc.additional-jdbc-properties.sslrootcert"));
        assertEquals(Optional.of("false"), value(aws, "quarkus.flyway.migrate-at-start"), "production never migrates at start");
    }

    @Test
    void caBundlePathCanBeMovedByTheOperator() throws Exception {
        SmallRyeConfig aws = config(List.of("prod", "aws"), Map.of("RDS_IAM_CA_BUNDLE_PATH", "/opt/certs/rds.pem"));
        assertEquals(Optional.of("/opt/certs/rds.pem"), value(aws, "quarkus.datasource.reactive.trust-certificate-pem.certs"));
        assertEquals(Optional.of("/opt/certs/rds.pem"), value(aws, "quarkus.datasource.jdbc.additional-jdbc-properties.sslrootcert"));
    }

    @Test
    void devAndTestProfilesAreUntouched() throws Exception {
        for (String profile : List.of("dev", "test", "prod")) {
            SmallRyeConfig config = config(List.of(profile), Map.of());
            assertEquals(Optional.empty(), value(config, "quarkus.datasource.credentials-provider"), profile);
            assertEquals(Optional.empty(), value(config, "quarkus.datasource.reactive.postgresql.ssl-mode"), profile);
            assertEquals(Optional.empty(), value(config, "quarkus.datasource.jdbc.additional-jdbc-properties.sslmode"), profile);
        }
    }
}
