package io.workflowingest.query;

import io.workflowingest.platform.RequiresScope;
import io.workflowingest.platform.Scope;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Uni;
import io.workflowingest.platform.ApiException;
import io.workflowingest.record.WorkflowRecords;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.Set;

/** GET /api/v1/campaigns (summaries in campaign_id order, paged) and GET /api/v1/campaigns/{campaign_id}. */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(Scope.READ)
public class CampaignResource {

    private static final Set<String> PARAMETERS = Set.of("limit", "cursor");

    private final QueryService queries;

    CampaignResource(QueryService queries) {
        this.queries = queries;
    }

    @GET
    public Uni<String> list(@Context UriInfo uri) {
        Params params = new Params(uri.getQueryParameters(), PARAMETERS);
        return queries.campaigns(params.limit(), params.get("cursor"),
                Cursors.fingerprint("GET /api/v1/campaigns", JsonNodeFactory.instance.objectNode()));
    }

    @GET
    @Path("{campaign_id}")
    public Uni<String> get(@PathParam("campaign_id") String campaignId) {
        if (WorkflowRecords.idProblem(campaignId) != null) {
            // A campaign_id that breaks the id rules can never have been stored.
            throw ApiException.notFound("No workflow has campaign_id '" + campaignId + "'.");
        }
        return queries.campaign(campaignId);
    }
}
