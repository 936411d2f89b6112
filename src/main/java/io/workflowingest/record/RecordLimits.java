package io.workflowingest.record;

/**
 * The size limits of API.md "Configuration" that the record layer enforces.
 *
 * @param maxDepth        deepest nesting of objects and arrays; the record object itself is level 1
 *                        ({@code ingest.limits.depth})
 * @param maxRecordBytes  largest single record, in bytes of UTF-8 ({@code ingest.limits.record-bytes})
 * @param maxRequestBytes largest request body after decompression ({@code ingest.limits.request-bytes})
 * @param maxBatchRecords most records in one batch ({@code ingest.limits.batch-records})
 */
public record RecordLimits(int maxDepth, int maxRecordBytes, int maxRequestBytes, int maxBatchRecords) {

    /**
     * Walks over a record are recursive and bounded by {@code maxDepth}; this cap keeps a
     * misconfigured depth from turning into a StackOverflowError on a deep document.
     */
    public static final int DEPTH_CEILING = 1000;

    public RecordLimits {
        if (maxDepth < 1 || maxDepth > DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth must be 1.." + DEPTH_CEILING + ", was " + maxDepth);
        }
        if (maxRecordBytes < 1 || maxRequestBytes < 1 || maxBatchRecords < 1) {
            throw new IllegalArgumentException("record limits must be positive: " + maxRecordBytes + ", "
                    + maxRequestBytes + ", " + maxBatchRecords);
        }
    }

    /** The defaults of API.md: depth 64, 1 MiB per record, 5 MiB per request, 1000 records per batch. */
    public static RecordLimits defaults() {
        return new RecordLimits(64, 1_048_576, 5_242_880, 1000);
    }
}
