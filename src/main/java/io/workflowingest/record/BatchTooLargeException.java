package io.workflowingest.record;

import java.util.List;

/**
 * A batch body with more records than {@code ingest.limits.batch-records}, or more bytes than
 * {@code ingest.limits.request-bytes}: API.md answers both with 413 and stores nothing.
 */
public class BatchTooLargeException extends RecordRejectedException {
    private static final long serialVersionUID = 1L;

    public BatchTooLargeException(String message) {
        super(List.of(new Problem("", message)));
    }
}
