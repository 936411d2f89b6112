package io.workflowingest.query;

import io.workflowingest.platform.RequiresScope;
import io.workflowingest.platform.Scope;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.workflowingest.store.WorkflowQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.Locale;
import java.util.Set;

/**
 * GET /api/v1/artifacts?value=...&role=used|generated|any: workflows whose {@code used} and/or
 * {@code generated} hold the string {@code value} at any depth, newest first, paged like the list.
 */
@Path("/api/v1/artifacts")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(Scope.READ)
public class ArtifactResource {

    private static final Set<String> PARAMETERS = Set.of("value", "role", "limit", "cursor");

    private final QueryService queries;

    ArtifactResource(QueryService queries) {
        this.queries = queries;
    }

    @GET
    public Uni<String> find(@Context UriInfo uri) {
        Params params = new Params(uri.getQueryParameters(), PARAMETERS);
        String value = params.get("value");
        if (value == null) {
            throw Params.invalid("The parameter 'value' is required: the artifact (a path, a URI, a name) to look for.", "value",
                    "required");
        }
        String rawRole = params.get("role") == null ? "any" : params.get("role");
        WorkflowQueries.ArtifactRole role = switch (rawRole.toLowerCase(Locale.ROOT)) {
            case "used" -> WorkflowQueries.ArtifactRole.USED;
            case "generated" -> WorkflowQueries.ArtifactRole.GENERATED;
            case "any" -> WorkflowQueries.ArtifactRole.ANY;
            default -> throw Params.invalid("The parameter 'role' must be used, generated or any; got '" + rawRole + "'.", "role",
                    "not used, generated or any");
        };
        int limit = params.limit();
        ObjectNode description = JsonNodeFactory.instance.objectNode().put("value", value).put("role", role.name());
        return queries.artifacts(value, role, limit, params.get("cursor"),
                Cursors.fingerprint("GET /api/v1/artifacts", description));
    }
}
