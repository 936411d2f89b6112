package io.workflowingest;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points REST Assured at the Lambda mock event server for the packaged-artifact tests
 * ({@code @QuarkusIntegrationTest}). Quarkus sets REST Assured's URL from the HTTP address the
 * launched artifact prints; a Lambda artifact serves no HTTP (the mock event server in the test
 * JVM turns requests into Lambda events that the artifact polls for), so nothing is set. The
 * mock's port is fixed for these runs (pom.xml, failsafe: {@code it.lambda.port}).
 */
public class LambdaMockEndpoint implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        String port = System.getProperty("quarkus.lambda.mock-event-server.test-port");
        if (port == null) {
            throw new IllegalStateException("quarkus.lambda.mock-event-server.test-port is not set (see the failsafe configuration)");
        }
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = Integer.parseInt(port);
    }
}
