package io.workflowingest.ingest;

import io.smallrye.mutiny.Uni;
import io.workflowingest.platform.ApiDocumentation;
import io.workflowingest.platform.IngestConfig;
import io.workflowingest.platform.RequestBodies;
import io.workflowingest.platform.RequiresScope;
import io.workflowingest.platform.Scope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Locale;

/** POST /api/v1/workflows and /api/v1/workflows/batch: decode the body, call the service, map the result. */
@Path("/api/v1/workflows")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ingest", description = "Send Flowcept workflow records")
public class WorkflowIngestResource {

    static final String NDJSON = "application/x-ndjson";

    private final IngestService ingest;
    private final int requestLimit;

    WorkflowIngestResource(IngestService ingest, IngestConfig config) {
        this.ingest = ingest;
        this.requestLimit = config.limits().requestBytes();
    }

    @POST
    @RequiresScope(Scope.INGEST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store one workflow record",
            description = "Validates and normalizes the record, then merges it into the stored record of its workflow_id "
                    + "(RECORD.md): 201 when the id is new, 200 when it merged.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = ApiDocumentation.WORKFLOW_RECORD)))
    @APIResponse(responseCode = "201", description = "A new workflow_id: the record was stored.",
            headers = @Header(name = "Location", description = "/api/v1/workflows/{workflow_id}", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "200", description = "The record merged into the stored one of its workflow_id.",
            headers = @Header(name = "Location", description = "/api/v1/workflows/{workflow_id}", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDocumentation.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocumentation.UNSUPPORTED_MEDIA_TYPE)
    public Uni<Response> ingestOne(byte[] body,
            @Parameter(description = "gzip to send the body compressed (limits apply after decompression)")
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding) {
        return ingest.ingestOne(RequestBodies.decode(body, encoding, requestLimit))
                .map(result -> Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                        .location(UriBuilder.fromPath("/api/v1/workflows/{id}").build(result.workflowId()))
                        .entity(result)
                        .build());
    }

    @POST
    @Path("batch")
    @RequiresScope(Scope.INGEST)
    @Consumes({ MediaType.APPLICATION_JSON, NDJSON, "application/ndjson", "application/jsonl" })
    @Operation(summary = "Store up to 1000 workflow records",
            description = "A JSON array of records, or one record per line (NDJSON; a raw Flowcept buffer file can be posted "
                    + "as it is: objects whose type is not \"workflow\" are skipped and counted). Every valid record is stored, "
                    + "each invalid one is reported with its 0-based index; records of one workflow_id merge in batch order. "
                    + "A body that cannot be split into records is a 400, more records than the limit a 413; both store nothing.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = ApiDocumentation.WORKFLOW_RECORDS)),
            @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING,
                    description = "One workflow record (or other Flowcept message) per line; blank lines are ignored.")),
            @Content(mediaType = "application/ndjson", schema = @Schema(type = SchemaType.STRING, description = "As application/x-ndjson.")),
            @Content(mediaType = "application/jsonl", schema = @Schema(type = SchemaType.STRING, description = "As application/x-ndjson.")) })
    @APIResponse(responseCode = "200", description = "The per-record report: status success, partial_success or failure.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResult.class)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDocumentation.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocumentation.UNSUPPORTED_MEDIA_TYPE)
    public Uni<BatchResult> ingestBatch(byte[] body,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "gzip to send the body compressed (limits apply after decompression)")
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding) {
        // No Content-Type at all reads as JSON, as on the single-record route (JAX-RS lets such a
        // request through @Consumes); any other type reaching here is one of the NDJSON names.
        boolean ndjson = contentType != null && !contentType.isBlank()
                && !MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE);
        return ingest.ingestBatch(RequestBodies.decode(body, encoding, requestLimit), ndjson);
    }
}
