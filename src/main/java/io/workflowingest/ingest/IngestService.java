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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Single and batch ingest: parse and normalize (record/), merge the records of one id within
 * the request in memory, then store everything with one upsert statement (store/).
 */
@ApplicationScoped
public class IngestService {

    private final StrictJson json;
    private final WorkflowRecords records;
    private final WorkflowWriter writer;
    private final ObjectMapper mapper;

    IngestService(IngestConfig config, WorkflowWriter writer, ObjectMapper mapper) {
        RecordLimits limits = config.limits().recordLimits();
        this.json = new StrictJson(limits);
        this.records = new WorkflowRecords(limits);
        this.writer = writer;
        this.mapper = mapper;
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
        // A lazy list: each record is parsed as the loop reads it.
        List<BatchItem> items = ndjson ? json.splitNdjson(body) : json.splitArray(body);
        List<BatchResult.Failure> failures = new ArrayList<>();
        Map<String, Pending> byId = new LinkedHashMap<>();
        int skipped = 0;
        for (BatchItem item : items) {
            if (!item.ok()) {
                failures.add(new BatchResult.Failure(item.index(), null, item.problems()));
                continue;
            }
            if (RecordKind.of(item.node()) == RecordKind.SKIPPED) {
                skipped++;
                continue;
            }
            try {
                ObjectNode doc = records.normalize(item.node());
                String id = doc.get("workflow_id").textValue();
                // Each record is serialized at once and its trees dropped: a batch keeps ~3 KB of
                // JSON text per record alive, not ~20 KB of Jackson nodes (bench/RESULTS.md). A
                // later record of the same id (start and end of one run in one batch) merges into
                // the earlier one, read back, in batch order, by the same rules as the store.
                Pending earlier = byId.get(id);
                byId.put(id, earlier == null
                        ? new Pending(toJson(doc), 1)
                        : new Pending(toJson(RecordMerger.merge(json.parseNormalized(earlier.json), doc)), earlier.count + 1));
            } catch (RecordRejectedException e) {
                failures.add(new BatchResult.Failure(item.index(), idOf(item.node()), e.problems()));
            }
        }
        List<PendingWorkflow> pending = new ArrayList<>(byId.size());
        byId.forEach((id, merged) -> pending.add(new PendingWorkflow(id, merged.json, merged.count)));
        int received = items.size();
        int failed = failures.size();
        int skippedCount = skipped;
        return writer.upsert(pending).map(stored -> {
            int created = 0;
            int updated = 0;
            for (PendingWorkflow p : pending) {
                // Each accepted record counts once: the first record of a new id created it,
                // every other record updated it.
                int createdHere = stored.get(p.workflowId()).created() ? 1 : 0;
                created += createdHere;
                updated += p.records() - createdHere;
            }
            String status = failed == 0 ? "success" : (created + updated == 0 ? "failure" : "partial_success");
            return new BatchResult(status,
                    new BatchResult.Summary(received, created, updated, failed, skippedCount), failures);
        });
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
