package io.workflowingest.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.workflowingest.record.RecordLimits;

import java.time.Duration;
import java.util.Optional;

/** The service's own settings (API.md "Configuration"); each is also an environment variable. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    Auth auth();

    Limits limits();

    Query query();

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

    interface Retention {
        /** Scheduled cleanup cutoff in days; 0 disables the scheduled cleanup. */
        @WithDefault("365")
        int days();

        /** Rows deleted per statement (each its own short transaction). */
        @WithDefault("1000")
        int batchSize();
    }
}
