package io.workflowingest.query;

import io.smallrye.mutiny.Uni;
import io.workflowingest.platform.ApiDocumentation;
import io.workflowingest.platform.ApiException;
import io.workflowingest.platform.RequiresScope;
import io.workflowingest.platform.Scope;
import io.workflowingest.record.WorkflowRecords;
import io.workflowingest.store.WorkflowRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Date;
import java.util.List;

/** GET /api/v1/workflows/{workflow_id}: the stored document alone; revision and update time as headers. */
@Path("/api/v1/workflows")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "read", description = "Read and query workflow records")
public class WorkflowReadResource {

    private final WorkflowRepository workflows;

    WorkflowReadResource(WorkflowRepository workflows) {
        this.workflows = workflows;
    }

    @GET
    @Path("{workflow_id}")
    @RequiresScope(Scope.READ)
    @Operation(summary = "Read one workflow record",
            description = "The stored document alone, exactly as normalized and merged; the revision and last update are headers.")
    @APIResponse(responseCode = "200", description = "The stored record.",
            headers = {
                    @Header(name = "ETag", description = "The revision, quoted: one per accepted record.", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Last-Modified", description = "When the record last merged.", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiDocumentation.WORKFLOW_RECORD)))
    @APIResponse(responseCode = "304", description = "Not modified since the revision named in If-None-Match.")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<Response> get(
            @Parameter(description = "The workflow_id, percent-encoded. An id that breaks the id rules is a 404.")
            @PathParam("workflow_id") String workflowId,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) List<String> ifNoneMatch) {
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
            EntityTag matched = matchWeakly(ifNoneMatch, tag);
            if (matched != null) {
                return Response.notModified(matched).lastModified(modified).build();
            }
            return Response.ok(found.doc, MediaType.APPLICATION_JSON_TYPE).tag(tag).lastModified(modified).build();
        });
    }

    /**
     * If-None-Match compares weakly (RFC 9110, 13.1.2): {@code W/"2"} matches revision 2 as
     * {@code "2"} does. Compressed answers carry the weak form (platform/ResponseCompression),
     * which a client then sends back; Request#evaluatePreconditions compares strongly. Returns
     * the tag as the matching entry wrote it (so the 304 names what the client's cache holds), or
     * null when none matches.
     */
    static EntityTag matchWeakly(List<String> ifNoneMatch, EntityTag tag) {
        if (ifNoneMatch == null) {
            return null;
        }
        String quoted = "\"" + tag.getValue() + "\"";
        // One header or several, each a list (Quarkus may hand over a list's members one by one).
        for (String candidate : String.join(",", ifNoneMatch).split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*") || trimmed.equals(quoted)) {
                return tag;
            }
            if (trimmed.equals("W/" + quoted)) {
                return new EntityTag(tag.getValue(), true);
            }
        }
        return null;
    }

    private static ApiException notFound(String workflowId) {
        return ApiException.notFound("No workflow with workflow_id '" + workflowId + "'.");
    }
}
