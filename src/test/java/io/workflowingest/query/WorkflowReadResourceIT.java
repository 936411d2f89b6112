package io.workflowingest.query;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged artifact (JVM jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
class WorkflowReadResourceIT extends WorkflowReadResourceTest {
}
