package io.workflowingest.platform;

import io.quarkus.arc.Unremovable;
import io.quarkus.credentials.CredentialsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.rds.RdsUtilities;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Database credentials for RDS Proxy with IAM authentication: the user is the datasource user and
 * the password a fresh RDS IAM auth token (valid 15 minutes) for the proxy endpoint, asked for by
 * the reactive pool and by Agroal (Flyway) each time they open a connection. Nothing is cached and
 * no password exists in the function, so rotating the database password never breaks it.
 *
 * <p>Selected in the {@code aws} profile ({@code quarkus.datasource.credentials-provider=rds-iam},
 * see application.properties). The token is signed locally by the AWS SDK's {@link RdsUtilities}
 * (SigV4 presign, no network call) with the function's own credentials (the Lambda environment, through
 * the SDK's default chain). The host and port signed are those of {@code quarkus.datasource.reactive.url},
 * so the token always names the endpoint the pool connects to; Terraform points the JDBC URL at the same
 * endpoint.
 */
@ApplicationScoped
@Named(RdsIamCredentialsProvider.NAME)
@Unremovable
public class RdsIamCredentialsProvider implements CredentialsProvider {

    /** The bean name and the provider name the datasource configuration selects. */
    public static final String NAME = "rds-iam";

    static final int DEFAULT_PORT = 5432;

    private final Optional<String> reactiveUrl;
    private final Optional<String> username;
    private final Optional<String> region;
    private volatile RdsUtilities utilities;

    @Inject
    RdsIamCredentialsProvider(
            @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> reactiveUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "rds-iam.region") Optional<String> region) {
        this.reactiveUrl = reactiveUrl;
        this.username = username;
        this.region = region;
    }

    /** For tests: fixed signing utilities (static credentials, fixed region). */
    RdsIamCredentialsProvider(RdsUtilities utilities, String reactiveUrl, String username) {
        this(Optional.of(reactiveUrl), Optional.of(username), Optional.empty());
        this.utilities = utilities;
    }

    @Override
    public Map<String, String> getCredentials(String credentialsProviderName) {
        Endpoint endpoint = Endpoint.of(reactiveUrl.orElseThrow(() -> new IllegalStateException(
                "RDS IAM authentication needs quarkus.datasource.reactive.url (the RDS Proxy endpoint)")));
        String user = username.orElseThrow(() -> new IllegalStateException(
                "RDS IAM authentication needs quarkus.datasource.username (the database user the proxy's secret names)"));
        String token = utilities().generateAuthenticationToken(request -> request
                .hostname(endpoint.host())
                .port(endpoint.port())
                .username(user));
        return Map.of(USER_PROPERTY_NAME, user, PASSWORD_PROPERTY_NAME, token);
    }

    private RdsUtilities utilities() {
        RdsUtilities current = utilities;
        if (current == null) {
            // Built on first use (at run time, never at native build time): the credentials are the
            // Lambda execution role's, read from the environment by the default chain.
            current = RdsUtilities.builder()
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .region(region.map(Region::of).orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion()))
                    .build();
            utilities = current;
        }
        return current;
    }

    /** Host and port of a Vert.x PostgreSQL URL ({@code postgresql://host:port/db?...}); the first of a list. */
    record Endpoint(String host, int port) {

        static Endpoint of(String urls) {
            String first = urls.split(",", 2)[0].trim();
            URI uri = URI.create(first.startsWith("vertx-reactive:") ? first.substring("vertx-reactive:".length()) : first);
            if (uri.getHost() == null) {
                throw new IllegalStateException("No host in datasource URL '" + first + "'");
            }
            return new Endpoint(uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort());
        }
    }
}
