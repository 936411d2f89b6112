package io.workflowingest.cleanup;

import io.workflowingest.platform.RequiresScope;
import io.workflowingest.platform.Scope;
import io.smallrye.mutiny.Uni;
import io.workflowingest.platform.ApiException;
import io.workflowingest.record.WorkflowRecords;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * {@code DELETE /api/v1/workflows/{workflow_id}} (scope: admin, checked by the central key
 * filter): 204, or 404 when absent. {@code ?cascade=descendants} also deletes every workflow
 * below it (one transaction, at most 10,000 records, else 409 and nothing deleted). Without
 * cascade, children stay, still naming the deleted parent.
 */
@Path("/api/v1/workflows")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(Scope.ADMIN)
public class WorkflowDeleteResource {

    static final String DESCENDANTS = "descendants";

    private final CleanupService cleanup;

    WorkflowDeleteResource(CleanupService cleanup) {
        this.cleanup = cleanup;
    }

    @DELETE
    @Path("{workflow_id}")
    public Uni<Response> delete(@PathParam("workflow_id") String workflowId, @Context UriInfo uri) {
        // Read raw: a present but empty ?cascade= must be refused, not taken for "absent".
        List<String> values = uri.getQueryParameters().get("cascade");
        boolean cascade = values != null;
        if (cascade && (values.size() != 1 || !DESCENDANTS.equals(values.get(0)))) {
            throw ApiException.badRequest("invalid-parameter",
                    "Unknown value '" + String.join(",", values) + "' for parameter cascade: the only value is "
                            + "'descendants' (omit it to delete this record only).", null);
        }
        if (WorkflowRecords.idProblem(workflowId) != null) {
            // An id that breaks the id rules can never have been stored (as for GET).
            throw CleanupService.notFound(workflowId);
        }
        return cleanup.deleteWorkflow(workflowId, cascade).map(done -> Response.noContent().build());
    }
}
