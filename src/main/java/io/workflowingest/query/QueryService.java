package io.workflowingest.query;

import com.fasterxml.jackson.databind.node.TextNode;
import io.smallrye.mutiny.Uni;
import io.workflowingest.platform.ApiException;
import io.workflowingest.platform.IngestConfig;
import io.workflowingest.record.Problem;
import io.workflowingest.store.FieldPath;
import io.workflowingest.store.Filter;
import io.workflowingest.store.Keyset;
import io.workflowingest.store.LineageNode;
import io.workflowingest.store.Page;
import io.workflowingest.store.ReadStore;
import io.workflowingest.store.WorkflowQueries;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The read side: runs one statement per request and writes the response JSON around the JSON
 * text PostgreSQL returns (documents are never parsed and re-serialized, so numbers keep every
 * digit). Pages stop at their limit or before the body would exceed
 * {@code ingest.limits.response-bytes}, whichever comes first; a single item larger than that
 * is still returned alone, so paging always advances.
 */
@ApplicationScoped
public class QueryService {

    static final int LINEAGE_MAX_NODES = 10_000;
    static final int LINEAGE_MAX_DEPTH = 50;
    /** Room kept for the envelope and the cursor when the store cuts a page by bytes; checked exactly afterwards. */
    private static final int ENVELOPE_RESERVE = 1024;

    private final ReadStore store;
    private final int responseBytes;

    QueryService(ReadStore store, IngestConfig config) {
        this.store = store;
        this.responseBytes = config.limits().responseBytes();
    }

    private int budget() {
        return Math.max(1, responseBytes - ENVELOPE_RESERVE);
    }

    Uni<String> workflows(WorkflowQuery query) {
        boolean defaultOrder = query.sort().isEmpty();
        Keyset after = Cursors.decode(query.cursor(), query.fingerprint(),
                defaultOrder ? Cursors.Keys.SORT_TIME : Cursors.Keys.JSON, query.sort().size(), query.cursorPointer());
        var statement = WorkflowQueries.workflowPage(query.filter(), query.sort(), query.projection(), after, query.limit(), budget());
        return store.page(statement, defaultOrder ? 1 : query.sort().size())
                .onFailure(ReadStore::isInvalidRegex).recoverWithUni(failure -> invalidRegex(query.filter(), failure))
                .map(page -> pageJson(page, query.fingerprint()));
    }

    Uni<String> artifacts(String value, WorkflowQueries.ArtifactRole role, int limit, String cursor, String fingerprint) {
        Keyset after = Cursors.decode(cursor, fingerprint, Cursors.Keys.SORT_TIME, 1, "/cursor");
        return store.page(WorkflowQueries.artifactPage(value, role, after, limit, budget()), 1)
                .map(page -> pageJson(page, fingerprint));
    }

    Uni<String> campaigns(int limit, String cursor, String fingerprint) {
        Keyset after = Cursors.decode(cursor, fingerprint, Cursors.Keys.NONE, 0, "/cursor");
        return store.page(WorkflowQueries.campaignPage(after == null ? null : after.id(), limit, budget()), 0)
                .map(page -> pageJson(page, fingerprint));
    }

    Uni<String> campaign(String campaignId) {
        return store.single(WorkflowQueries.campaignSummary(campaignId))
                .map(summary -> summary.orElseThrow(() -> ApiException.notFound("No workflow has campaign_id '" + campaignId + "'.")));
    }

    Uni<String> lineage(String rootId, WorkflowQueries.Direction direction, int depth, List<FieldPath> projection) {
        var statement = WorkflowQueries.lineage(rootId, direction, depth, LINEAGE_MAX_NODES, projection, budget());
        return store.lineage(statement).map(lineage -> {
            if (lineage.nodes().isEmpty()) {
                throw ApiException.notFound("No workflow with workflow_id '" + rootId + "'.");
            }
            return lineageJson(rootId, lineage.nodes(), lineage.truncated());
        });
    }

    /** Which $regex PostgreSQL refused: each is compiled alone, the first invalid one is named. */
    private <T> Uni<T> invalidRegex(Filter filter, Throwable failure) {
        List<Filter.Condition> regexes = new ArrayList<>();
        collectRegexes(filter, regexes);
        Uni<Filter.Condition> offending = Uni.createFrom().nullItem();
        for (Filter.Condition regex : regexes) {
            offending = offending.chain(found -> found != null ? Uni.createFrom().item(found)
                    : store.isValidRegex(regex.operand().textValue()).map(valid -> valid ? null : regex));
        }
        String reason = failure.getMessage() == null ? "invalid regular expression" : failure.getMessage();
        return offending.map(regex -> {
            String at = regex == null ? "/filter" : regex.source();
            throw ApiException.badRequest("invalid-query",
                    "The $regex at " + at + " is not a valid PostgreSQL regular expression: " + reason,
                    List.of(new Problem(at, "invalid regular expression")));
        });
    }

    private static void collectRegexes(Filter filter, List<Filter.Condition> into) {
        if (filter instanceof Filter.And and) {
            and.parts().forEach(p -> collectRegexes(p, into));
        } else if (filter instanceof Filter.Or or) {
            or.parts().forEach(p -> collectRegexes(p, into));
        } else if (filter instanceof Filter.Not not) {
            collectRegexes(not.inner(), into);
        } else if (filter instanceof Filter.Condition c && c.operator() == Filter.Operator.REGEX) {
            into.add(c);
        }
    }

    /** {"items": [...], "next_cursor": ...}: trims the last items while the exact size exceeds the limit (a huge cursor). */
    String pageJson(Page page, String fingerprint) {
        List<Page.Item> items = page.items();
        int[] sizes = new int[items.size()];
        long total = 0;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = items.get(i).bytes();
            total += sizes[i] + 1;
        }
        int count = items.size();
        boolean more = page.more();
        String cursor;
        while (true) {
            cursor = more && count > 0 ? Cursors.encode(fingerprint, items.get(count - 1).keys(), items.get(count - 1).id()) : null;
            long size = 27 + total + (cursor == null ? 4 : cursor.length() + 2);
            if (size <= responseBytes || count <= 1) {
                break;
            }
            count--;
            total -= sizes[count] + 1;
            more = true;
        }
        StringBuilder json = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 64, total + 64 + (cursor == null ? 0 : cursor.length())));
        json.append("{\"items\":[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(items.get(i).body());
        }
        json.append("],\"next_cursor\":");
        json.append(cursor == null ? "null" : "\"" + cursor + "\"");
        return json.append('}').toString();
    }

    /**
     * {"root", "nodes", "edges", "truncated"}: an edge for every node whose parent is among the
     * nodes. Keeps the longest prefix of nodes whose size, counting every edge a node could
     * bring, fits the response limit.
     */
    String lineageJson(String rootId, List<LineageNode> nodes, boolean truncated) {
        Set<String> all = new HashSet<>();
        nodes.forEach(n -> all.add(n.id()));
        String rootJson = TextNode.valueOf(rootId).toString();
        long size = 64 + Utf8.length(rootJson);
        int count = 0;
        for (LineageNode node : nodes) {
            long nodeSize = Utf8.length(node.body()) + 1;
            if (node.parentId() != null && all.contains(node.parentId())) {
                nodeSize += Utf8.length(edge(node)) + 1;
            }
            if (count > 0 && size + nodeSize > responseBytes) {
                truncated = true;
                break;
            }
            size += nodeSize;
            count++;
        }
        List<LineageNode> kept = nodes.subList(0, count);
        Set<String> ids = new HashSet<>();
        kept.forEach(n -> ids.add(n.id()));
        StringBuilder json = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 64, size));
        json.append("{\"root\":").append(rootJson).append(",\"nodes\":[");
        for (int i = 0; i < kept.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(kept.get(i).body());
        }
        json.append("],\"edges\":[");
        boolean first = true;
        for (LineageNode node : kept) {
            if (node.parentId() != null && ids.contains(node.parentId())) {
                if (!first) {
                    json.append(',');
                }
                json.append(edge(node));
                first = false;
            }
        }
        return json.append("],\"truncated\":").append(truncated).append('}').toString();
    }

    private static String edge(LineageNode node) {
        return "{\"parent\":" + TextNode.valueOf(node.parentId()) + ",\"child\":" + TextNode.valueOf(node.id()) + "}";
    }
}
