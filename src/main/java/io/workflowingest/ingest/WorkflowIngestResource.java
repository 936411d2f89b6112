package io.workflowingest.ingest;

import io.smallrye.mutiny.Uni;
import io.workflowingest.platform.IngestConfig;
import io.workflowingest.platform.RequestBodies;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.util.Locale;

/** POST /api/v1/workflows and /api/v1/workflows/batch: decode the body, call the service, map the result. */
@Path("/api/v1/workflows")
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowIngestResource {

    static final String NDJSON = "application/x-ndjson";

    private final IngestService ingest;
    private final int requestLimit;

    WorkflowIngestResource(IngestService ingest, IngestConfig config) {
        this.ingest = ingest;
        this.requestLimit = config.limits().requestBytes();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> ingestOne(byte[] body, @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding) {
        return ingest.ingestOne(RequestBodies.decode(body, encoding, requestLimit))
                .map(result -> Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                        .location(UriBuilder.fromPath("/api/v1/workflows/{id}").build(result.workflowId()))
                        .entity(result)
                        .build());
    }

    @POST
    @Path("batch")
    @Consumes({ MediaType.APPLICATION_JSON, NDJSON, "application/ndjson", "application/jsonl" })
    public Uni<BatchResult> ingestBatch(byte[] body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding) {
        boolean ndjson = !MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE);
        return ingest.ingestBatch(RequestBodies.decode(body, encoding, requestLimit), ndjson);
    }
}
