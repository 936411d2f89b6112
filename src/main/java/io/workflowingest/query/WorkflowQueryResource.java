package io.workflowingest.query;

import io.workflowingest.platform.RequiresScope;
import io.workflowingest.platform.Scope;
import io.smallrye.mutiny.Uni;
import io.workflowingest.platform.ApiException;
import io.workflowingest.platform.IngestConfig;
import io.workflowingest.platform.RequestBodies;
import io.workflowingest.record.WorkflowRecords;
import io.workflowingest.store.WorkflowQueries;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.Locale;
import java.util.Set;

/**
 * GET /api/v1/workflows (list), POST /api/v1/workflows/query and
 * GET /api/v1/workflows/{workflow_id}/lineage: read the request, call {@link QueryService}.
 */
@Path("/api/v1/workflows")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(Scope.READ)
public class WorkflowQueryResource {

    private static final Set<String> LINEAGE_PARAMETERS = Set.of("direction", "depth", "projection");

    private final QueryService queries;
    private final int requestLimit;

    WorkflowQueryResource(QueryService queries, IngestConfig config) {
        this.queries = queries;
        this.requestLimit = config.limits().requestBytes();
    }

    @GET
    public Uni<String> list(@Context UriInfo uri) {
        return queries.workflows(QueryRequests.fromList(uri.getQueryParameters()));
    }

    @POST
    @Path("query")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<String> query(byte[] body, @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding) {
        return queries.workflows(QueryRequests.fromBody(RequestBodies.decode(body, encoding, requestLimit)));
    }

    @GET
    @Path("{workflow_id}/lineage")
    public Uni<String> lineage(@PathParam("workflow_id") String workflowId, @Context UriInfo uri) {
        Params params = new Params(uri.getQueryParameters(), LINEAGE_PARAMETERS);
        WorkflowQueries.Direction direction = direction(params.get("direction"));
        int depth = params.integer("depth", 10, 0, QueryService.LINEAGE_MAX_DEPTH);
        var projection = params.projection(new FilterParser(Params.TYPE));
        if (WorkflowRecords.idProblem(workflowId) != null) {
            // An id that breaks the id rules can never have been stored.
            throw ApiException.notFound("No workflow with workflow_id '" + workflowId + "'.");
        }
        return queries.lineage(workflowId, direction, depth, projection);
    }

    private static WorkflowQueries.Direction direction(String raw) {
        if (raw == null) {
            return WorkflowQueries.Direction.BOTH;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "ancestors" -> WorkflowQueries.Direction.ANCESTORS;
            case "descendants" -> WorkflowQueries.Direction.DESCENDANTS;
            case "both" -> WorkflowQueries.Direction.BOTH;
            default -> throw Params.invalid("The parameter 'direction' must be ancestors, descendants or both; got '" + raw + "'.",
                    "direction", "not ancestors, descendants or both");
        };
    }
}
