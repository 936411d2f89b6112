package io.workflowingest.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * Strict JSON for ingest bodies (RECORD.md "Validation", first rule; API.md "Ingest"): one record,
 * or a batch as a JSON array or as NDJSON. Everything a plain ObjectMapper lets through but the
 * store cannot take, or that would change meaning silently, is rejected here: invalid UTF-8,
 * duplicate keys, NaN/Infinity, unpaired surrogates, too deep, too big. Immutable and thread-safe.
 */
public final class StrictJson {
    private final RecordLimits limits;
    private final TreeReader reader;

    public StrictJson(RecordLimits limits) {
        this.limits = limits;
        this.reader = new TreeReader(limits.maxDepth());
    }

    /**
     * Parses one JSON document strictly (any JSON value; whether it is an object is for
     * validation to say). Floats become BigDecimal exactly as written, integers int/long/BigInteger.
     * A UTF-8 byte order mark at the start is ignored, as RFC 8259 allows.
     *
     * @throws RecordTooLargeException  over {@code maxRecordBytes}, checked before parsing
     * @throws RecordRejectedException  anything else wrong, with pointer ""
     */
    public JsonNode parseRecord(byte[] utf8) {
        if (utf8 == null) {
            throw Problems.single(Pointers.ROOT, "The body is empty; send one JSON object (a workflow record).");
        }
        if (utf8.length > limits.maxRecordBytes()) {
            throw recordTooLarge(utf8.length);
        }
        boolean bom = Utf8.startsWithBom(utf8, 0, utf8.length);
        return bom ? parse(utf8, Utf8.BOM_LENGTH, utf8.length - Utf8.BOM_LENGTH) : parse(utf8, 0, utf8.length);
    }

    /**
     * Splits a batch body that is a JSON array into its elements, each parsed alone with
     * {@link #parseRecord}: a bad element becomes a failed {@link BatchItem}, the others still parse.
     * The list is lazy (see {@link Records}): an element is parsed when it is read.
     *
     * @throws BatchTooLargeException  more than {@code maxBatchRecords} elements, or more than
     *                                 {@code maxRequestBytes} bytes
     * @throws RecordRejectedException the body cannot be split at all (not a JSON array, truncated, ...)
     */
    public List<BatchItem> splitArray(byte[] utf8) {
        byte[] body = requireBatchSize(utf8);
        return new Records(body, ArraySplitter.split(body, limits.maxBatchRecords()), "Each element of the batch array");
    }

    /**
     * Splits an NDJSON body: one record per line ("\n", "\r\n" tolerated); whitespace-only lines
     * are ignored and not counted, so {@link BatchItem#index()} counts non-blank lines from 0.
     * The list is lazy (see {@link Records}): a line is parsed when it is read.
     *
     * @throws BatchTooLargeException more than {@code maxBatchRecords} non-blank lines, or more
     *                                than {@code maxRequestBytes} bytes
     */
    public List<BatchItem> splitNdjson(byte[] utf8) {
        byte[] body = requireBatchSize(utf8);
        int n = body.length;
        int lineStart = Utf8.startsWithBom(body, 0, n) ? Utf8.BOM_LENGTH : 0;
        int[] bounds = new int[16];
        int count = 0;
        while (lineStart <= n) {
            int newline = indexOf(body, (byte) '\n', lineStart);
            int lineEnd = newline < 0 ? n : newline;
            int end = lineEnd > lineStart && body[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (ArraySplitter.skipWhitespace(body, lineStart) < end) {
                if (count == limits.maxBatchRecords()) {
                    throw new BatchTooLargeException("The batch has more than " + limits.maxBatchRecords()
                            + " records; send at most " + limits.maxBatchRecords()
                            + " per request (ingest.limits.batch-records).");
                }
                if (bounds.length < 2 * count + 2) {
                    bounds = Arrays.copyOf(bounds, bounds.length * 2);
                }
                bounds[2 * count] = lineStart;
                bounds[2 * count + 1] = end;
                count++;
            }
            lineStart = lineEnd + 1;
        }
        return new Records(body, Arrays.copyOf(bounds, 2 * count), "Each NDJSON line");
    }

    /**
     * Parses a document this service serialized itself (a normalized, possibly merged record),
     * as strictly as any other, but without the size limit of an incoming record: records merged
     * within a batch may together exceed it.
     */
    public ObjectNode parseNormalized(String json) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        return (ObjectNode) reader.read(utf8, 0, utf8.length);
    }

    /**
     * The records of a batch body: their byte ranges are found up front (so the count, and every
     * "cannot be split" or "too many" answer, come before any record is parsed), each record is
     * parsed when {@link #get} reads it, and nothing parsed is kept. A 1000-record batch
     * therefore never holds 1000 parsed trees at once (~20 MB for 3 KB records, several times
     * the body): the ingest loop parses, normalizes and serializes one record at a time, so the
     * garbage collector finds little alive when it runs mid-request (bench/RESULTS.md). Each
     * {@code get} parses again; read each element once.
     */
    private final class Records extends AbstractList<BatchItem> {
        private final byte[] body;
        private final int[] bounds;
        private final String what;

        Records(byte[] body, int[] bounds, String what) {
            this.body = body;
            this.bounds = bounds;
            this.what = what;
        }

        @Override
        public BatchItem get(int k) {
            int start = bounds[2 * k];
            return item(k, body, start, bounds[2 * k + 1] - start, what);
        }

        @Override
        public int size() {
            return bounds.length / 2;
        }
    }

    private BatchItem item(int index, byte[] body, int off, int len, String what) {
        try {
            JsonNode node = parse(body, off, len);
            if (!node.isObject()) {
                return BatchItem.failed(index, List.of(new Problem(Pointers.ROOT, what
                        + " must be one JSON object (a workflow record); this one is " + JsonNodes.describe(node) + ".")));
            }
            return BatchItem.parsed(index, node);
        } catch (RecordRejectedException e) {
            return BatchItem.failed(index, e.problems());
        }
    }

    private JsonNode parse(byte[] bytes, int off, int len) {
        if (len > limits.maxRecordBytes()) {
            throw recordTooLarge(len);
        }
        int bad = Utf8.firstInvalid(bytes, off, len);
        if (bad >= 0) {
            throw Problems.single(Pointers.ROOT, String.format(
                    "The body is not valid UTF-8: byte 0x%02X at offset %d does not start a valid UTF-8 sequence "
                            + "(overlong forms and encoded surrogates are invalid too); send UTF-8 text.",
                    bytes[off + bad] & 0xFF, bad));
        }
        return reader.read(bytes, off, len);
    }

    private RecordTooLargeException recordTooLarge(int length) {
        return new RecordTooLargeException("The record is " + length + " bytes; the limit is "
                + limits.maxRecordBytes() + " bytes (ingest.limits.record-bytes). Move bulky data out of the record.");
    }

    private byte[] requireBatchSize(byte[] utf8) {
        byte[] body = utf8 == null ? new byte[0] : utf8;
        if (body.length > limits.maxRequestBytes()) {
            throw new BatchTooLargeException("The request body is " + body.length + " bytes; the limit is "
                    + limits.maxRequestBytes() + " bytes (ingest.limits.request-bytes). Split the batch.");
        }
        return body;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
