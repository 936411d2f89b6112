package io.workflowingest.platform;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.workflowingest.ingest.BatchResult;
import io.workflowingest.ingest.IngestResult;
import io.workflowingest.record.Problem;

/**
 * Every type Jackson serializes into a response body, registered for reflection so the native
 * executable can write it. Quarkus registers a resource method's declared return type by itself,
 * but not an entity inside a {@code Response} or a problem body built by an exception mapper.
 * {@code NativeReflectionTest} fails when a response type in the API packages is missing here.
 */
@RegisterForReflection(targets = {
        ApiProblem.class,
        Problem.class,
        IngestResult.class,
        BatchResult.class,
        BatchResult.Summary.class,
        BatchResult.Failure.class,
})
public final class NativeReflection {

    private NativeReflection() {
    }
}
