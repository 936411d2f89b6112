package io.workflowingest.cleanup;

import io.workflowingest.platform.RequiresScope;
import io.workflowingest.platform.Scope;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.workflowingest.platform.IngestConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;

/**
 * {@code POST /api/v1/admin/cleanup} (scope: admin, checked by the central key filter): deletes,
 * or with {@code dry_run} (the default) counts, records last updated before a cutoff, within
 * {@code ingest.retention.http-budget} (API Gateway cuts integrations at 30 s).
 */
@Path("/api/v1/admin/cleanup")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(Scope.ADMIN)
public class AdminCleanupResource {

    private final CleanupService cleanup;
    private final CleanupRequests requests;
    private final Duration budget;

    AdminCleanupResource(CleanupService cleanup, ObjectMapper mapper, IngestConfig config) {
        this.cleanup = cleanup;
        this.requests = new CleanupRequests(mapper);
        this.budget = config.retention().httpBudget();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<CleanupReport> cleanup(byte[] body) {
        return cleanup.clean(requests.parse(body), budget);
    }
}
