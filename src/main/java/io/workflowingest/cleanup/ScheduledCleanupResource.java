package io.workflowingest.cleanup;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.smallrye.mutiny.Uni;
import io.workflowingest.platform.IngestConfig;
import io.workflowingest.platform.InternalInvocation;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Duration;

/**
 * {@code POST /internal/cleanup}: the scheduled retention run. EventBridge Scheduler invokes the
 * function with {@code terraform/events/scheduled-cleanup.json}; only such a raw invocation
 * reaches this ({@link InternalInvocation}). It deletes everything older than
 * {@code ingest.retention.days} (0: disabled), within the Lambda's remaining time minus 30 s.
 * The body, if any, is ignored: what a scheduled run does is configuration, not input.
 */
@Path(ScheduledCleanupResource.PATH)
public class ScheduledCleanupResource {

    static final String PATH = "/internal/cleanup";
    /** Left for answering and logging after the last batch, and for one slow batch. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private final CleanupService cleanup;
    private final Duration budgetWithoutDeadline;

    ScheduledCleanupResource(CleanupService cleanup, IngestConfig config) {
        this.cleanup = cleanup;
        this.budgetWithoutDeadline = config.retention().scheduledBudgetWithoutDeadline();
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<ScheduledCleanupResult> run(@Context APIGatewayV2HTTPEvent event,
            @Context com.amazonaws.services.lambda.runtime.Context lambda) {
        InternalInvocation.requireRaw(event, PATH);
        return cleanup.cleanScheduled(budget(lambda, budgetWithoutDeadline));
    }

    /**
     * The run's time budget: the invocation's remaining time minus {@link #MARGIN}, or
     * {@code withoutDeadline} when the invocation has no real deadline (see
     * {@link InternalInvocation#remainingTime}). A function timeout of 30 s or less leaves no
     * budget (zero or negative): the first batch still runs.
     */
    static Duration budget(com.amazonaws.services.lambda.runtime.Context lambda, Duration withoutDeadline) {
        return InternalInvocation.remainingTime(lambda)
                .map(remaining -> remaining.minus(MARGIN))
                .orElse(withoutDeadline);
    }
}
