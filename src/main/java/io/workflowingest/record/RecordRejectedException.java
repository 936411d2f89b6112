package io.workflowingest.record;

import java.util.List;

/**
 * The validation error of this package: the only exception its public methods throw for bad
 * input. It carries every problem found (RECORD.md: "Every problem in a record is reported").
 * It has no stack trace: it is an answer to a client, thrown on every bad record, not a bug.
 */
public class RecordRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<Problem> problems;

    public RecordRejectedException(List<Problem> problems) {
        super(summary(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order found; never empty. */
    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one problem");
        }
        Problem first = problems.get(0);
        String where = first.pointer().isEmpty() ? "" : first.pointer() + ": ";
        String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : "";
        return "Record rejected: " + where + first.message() + more;
    }
}
