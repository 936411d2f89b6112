package io.workflowingest.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.workflowingest.record.RecordLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;
import java.util.Optional;

/** The service's own settings (API.md "Configuration"); each is also an environment variable. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    Auth auth();

    Limits limits();

    Query query();

    Database database();

    Retention retention();

    interface Auth {
        /**
         * Require API keys. Only {@code true} or {@code false} are accepted: a typo must stop the
         * function, not switch auth off (the lenient default converter reads "flase" as false).
         */
        @WithDefault("true")
        @WithConverter(StrictBooleanConverter.class)
        boolean enabled();

        /** Comma-separated {@code scope:sha256hex} entries; see {@link ApiKeys}. */
        Optional<String> keys();
    }

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

    /**
     * Client-side bounds on database waits (the server-side bound is the role's
     * {@code statement_timeout}); together they keep every request under API Gateway's 29 s.
     */
    interface Database {
        /** Longest TCP connect to PostgreSQL (or RDS Proxy). */
        @WithDefault("5s")
        Duration connectTimeout();

        /**
         * A connection that receives nothing for this long is closed, failing the statement
         * waiting on it or the handshake of a new connection (a database that vanished); above
         * the 20 s statement_timeout so a slow statement is cancelled by the server first.
         */
        @WithDefault("25s")
        Duration readTimeout();

        /**
         * The statement_timeout and idle_in_transaction_session_timeout the migration route sets
         * on the datasource's own role in this database (ALTER ROLE CURRENT_USER IN DATABASE ...),
         * so they hold for every connection without a per-session SET, which would pin RDS Proxy
         * connections. Unset: the route leaves the role alone (local profiles set them per session).
         */
        Optional<Duration> roleStatementTimeout();

        /**
         * Distinct workflow ids per upsert statement of a batch. A batch with more records is
         * written as several statements in one transaction, each sent while the next records are
         * read, so PostgreSQL and the function work at the same time; the batch's size sets
         * the statement count (bench/RESULTS.md). Set it to the batch limit for one statement.
         */
        @WithDefault("100")
        @Min(1)
        int batchStatementRecords();
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
