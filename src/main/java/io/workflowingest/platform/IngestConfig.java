package io.workflowingest.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.workflowingest.record.RecordLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/** The service's own settings (API.md "Configuration"); each is also an environment variable. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    Limits limits();

    Query query();

    Retention retention();

    interface Limits {
        @WithDefault("1048576")
        int recordBytes();

        @WithDefault("5242880")
        int requestBytes();

        @WithDefault("4194304")
        int responseBytes();

        @WithDefault("1000")
        int batchRecords();

        @WithDefault("64")
        int depth();

        default RecordLimits recordLimits() {
            return new RecordLimits(depth(), recordBytes(), requestBytes(), batchRecords());
        }
    }

    interface Query {
        @WithDefault("5s")
        Duration timeout();
    }

    interface Retention {
        /** Scheduled cleanup cutoff in days; 0 disables the scheduled cleanup. */
        @WithDefault("365")
        @Min(0)
        @Max(36500)
        int days();

        /** Rows deleted per statement (each its own short transaction). */
        @WithDefault("1000")
        @Min(1)
        @Max(100000)
        int batchSize();

        /**
         * Time budget of one cleanup over HTTP: API Gateway cuts integrations at 30 s, so a run
         * stops starting batches before this and answers {@code complete: false}.
         */
        @WithDefault("20s")
        Duration httpBudget();

        /**
         * Budget of a scheduled run when the invocation carries no Lambda deadline (the local
         * mock event server sets none). In AWS the budget is the remaining time minus 30 s.
         */
        @WithDefault("60s")
        Duration scheduledBudgetWithoutDeadline();
    }
}
