package io.workflowingest.ingest;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.workflowingest.LambdaMockEndpoint;
import org.junit.jupiter.api.extension.ExtendWith;

/** The same tests against the packaged artifact (JVM jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
@ExtendWith(LambdaMockEndpoint.class)
class WorkflowBatchResourceIT extends WorkflowBatchResourceTest {
}
