package io.workflowingest.platform;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.workflowingest.LambdaMockEndpoint;
import org.junit.jupiter.api.extension.ExtendWith;

/** The same tests against the native executable (`-Dnative`; see README, "Native executable"). */
@QuarkusIntegrationTest
@ExtendWith(LambdaMockEndpoint.class)
class SpooledBodyIT extends SpooledBodyTest {
}
