package io.workflowingest.query;

import io.smallrye.mutiny.Uni;
import io.workflowingest.platform.ApiException;
import io.workflowingest.record.WorkflowRecords;
import io.workflowingest.store.WorkflowRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Context;

import java.util.Date;

/** GET /api/v1/workflows/{workflow_id}: the stored document alone; revision and update time as headers. */
@Path("/api/v1/workflows")
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowReadResource {

    private final WorkflowRepository workflows;

    WorkflowReadResource(WorkflowRepository workflows) {
        this.workflows = workflows;
    }

    @GET
    @Path("{workflow_id}")
    public Uni<Response> get(@PathParam("workflow_id") String workflowId, @Context Request request) {
        if (WorkflowRecords.idProblem(workflowId) != null) {
            // An id that breaks the id rules can never have been stored.
            throw notFound(workflowId);
        }
        return workflows.findWorkflow(workflowId).map(found -> {
            if (found == null) {
                throw notFound(workflowId);
            }
            EntityTag tag = new EntityTag(Integer.toString(found.revision));
            Date modified = Date.from(found.updatedAt.toInstant());
            Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
            if (notModified != null) {
                return notModified.tag(tag).lastModified(modified).build();
            }
            return Response.ok(found.doc, MediaType.APPLICATION_JSON_TYPE).tag(tag).lastModified(modified).build();
        });
    }

    private static ApiException notFound(String workflowId) {
        return ApiException.notFound("No workflow with workflow_id '" + workflowId + "'.");
    }
}
