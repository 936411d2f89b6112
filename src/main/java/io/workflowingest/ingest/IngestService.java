package io.workflowingest.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.workflowingest.platform.IngestConfig;
import io.workflowingest.record.BatchItem;
import io.workflowingest.record.RecordKind;
import io.workflowingest.record.RecordLimits;
import io.workflowingest.record.RecordMerger;
import io.workflowingest.record.RecordRejectedException;
import io.workflowingest.record.StrictJson;
import io.workflowingest.record.WorkflowRecords;
import io.workflowingest.store.PendingWorkflow;
import io.workflowingest.store.StoredWorkflow;
import io.workflowingest.store.WorkflowWriter;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Single and batch ingest: parse and normalize (record/), merge the records of one id within
 * the request in memory, then store them with the merge upsert (store/): one statement, or,
 * for a batch of more records than {@code ingest.database.batch-statement-records}, one
 * statement per that many ids in one transaction, each sent while the next records are read.
 */
@ApplicationScoped
public class IngestService {

    private final StrictJson json;
    private final WorkflowRecords records;
    private final WorkflowWriter writer;
    private final ObjectMapper mapper;
    private final int statementRecords;

    IngestService(IngestConfig config, WorkflowWriter writer, ObjectMapper mapper) {
        RecordLimits limits = config.limits().recordLimits();
        this.json = new StrictJson(limits);
        this.records = new WorkflowRecords(limits);
        this.writer = writer;
        this.mapper = mapper;
        this.statementRecords = config.database().batchStatementRecords();
    }

    public Uni<IngestResult> ingestOne(byte[] body) {
        ObjectNode doc = records.parseAndNormalize(body);
        String id = doc.get("workflow_id").textValue();
        return writer.upsert(List.of(new PendingWorkflow(id, toJson(doc), 1)))
                .map(stored -> {
                    StoredWorkflow s = stored.get(id);
                    return new IngestResult(id, s.revision(), s.created());
                });
    }

    public Uni<BatchResult> ingestBatch(byte[] body, boolean ndjson) {
        // A lazy list: each record is parsed as the reader reaches it.
        BatchReader reader = new BatchReader(ndjson ? json.splitNdjson(body) : json.splitArray(body));
        Uni<List<Map<String, StoredWorkflow>>> written = reader.items.size() <= statementRecords
                ? writer.upsert(reader.next()).map(List::of)
                : writer.upsertInOneTransaction(reader);
        return written.map(reader::result);
    }

    /**
     * Reads a batch in order, one record at a time, and hands it out as statements' worth of
     * pending documents, up to {@code statementRecords} distinct ids each. Each record is
     * normalized and serialized at once and its trees dropped: a batch keeps ~3 KB of JSON text
     * per record alive, not ~20 KB of Jackson nodes (bench/RESULTS.md). A later record of an id
     * already in the chunk merges into it, read back, in batch order, by the same rules as the
     * store; one that comes after its id's chunk was handed out goes into a later chunk, and the
     * store merges it (the same rules, so the result is the same).
     */
    private final class BatchReader implements Iterator<List<PendingWorkflow>> {
        final List<BatchItem> items;
        private final List<BatchResult.Failure> failures = new ArrayList<>();
        private final List<List<PendingWorkflow>> chunks = new ArrayList<>();
        private int skipped;
        private int nextItem;

        BatchReader(List<BatchItem> items) {
            this.items = items;
        }

        @Override
        public boolean hasNext() {
            return nextItem < items.size();
        }

        @Override
        public List<PendingWorkflow> next() {
            Map<String, Pending> byId = new LinkedHashMap<>();
            while (nextItem < items.size() && byId.size() < statementRecords) {
                read(items.get(nextItem++), byId);
            }
            List<PendingWorkflow> chunk = new ArrayList<>(byId.size());
            byId.forEach((id, merged) -> chunk.add(new PendingWorkflow(id, merged.json, merged.count)));
            chunks.add(chunk);
            return chunk;
        }

        private void read(BatchItem item, Map<String, Pending> byId) {
            if (!item.ok()) {
                failures.add(new BatchResult.Failure(item.index(), null, item.problems()));
                return;
            }
            if (RecordKind.of(item.node()) == RecordKind.SKIPPED) {
                skipped++;
                return;
            }
            try {
                ObjectNode doc = records.normalize(item.node());
                String id = doc.get("workflow_id").textValue();
                Pending earlier = byId.get(id);
                byId.put(id, earlier == null
                        ? new Pending(toJson(doc), 1)
                        : new Pending(toJson(RecordMerger.merge(json.parseNormalized(earlier.json), doc)), earlier.count + 1));
            } catch (RecordRejectedException e) {
                failures.add(new BatchResult.Failure(item.index(), idOf(item.node()), e.problems()));
            }
        }

        /** The report, from what each chunk's statement did ({@code stored} in chunk order). */
        BatchResult result(List<Map<String, StoredWorkflow>> stored) {
            int created = 0;
            int updated = 0;
            for (int c = 0; c < chunks.size(); c++) {
                for (PendingWorkflow p : chunks.get(c)) {
                    // Each accepted record counts once: the first record of a new id created it,
                    // every other record updated it.
                    int createdHere = stored.get(c).get(p.workflowId()).created() ? 1 : 0;
                    created += createdHere;
                    updated += p.records() - createdHere;
                }
            }
            int failed = failures.size();
            String status = failed == 0 ? "success" : (created + updated == 0 ? "failure" : "partial_success");
            return new BatchResult(status, new BatchResult.Summary(items.size(), created, updated, failed, skipped), failures);
        }
    }

    private static String idOf(JsonNode node) {
        JsonNode id = node == null ? null : node.get("workflow_id");
        return id != null && id.isTextual() ? id.textValue() : null;
    }

    private String toJson(ObjectNode doc) {
        try {
            return mapper.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The serialized document of one id so far, and how many records of the batch it holds. */
    private record Pending(String json, int count) {
    }
}
