package io.workflowingest.platform;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Routes that exist only in the test application: one under /api that forgot its scope (must be
 * refused whatever the key) and one under /internal (must not ask for a key).
 */
@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public class TestOnlyRoutes {

    @GET
    @Path("api/test-only/undeclared")
    @Operation(hidden = true)
    public String undeclared() {
        return "this must never be answered";
    }

    @GET
    @Path("internal/test-only/ping")
    @Operation(hidden = true)
    public String internalPing() {
        return "pong";
    }
}
