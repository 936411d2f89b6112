package io.workflowingest.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The indexed query shapes of API.md at a realistic row count: 100,000 generated workflows
 * (built in SQL, through the real artifact trigger), then EXPLAIN of exactly the statements the
 * application runs, with their parameters. None may scan the workflows or artifact table
 * sequentially, and each must use the index meant for it.
 */
@QuarkusTest
class QueryPlanTest {

    static final int RECORDS = 100_000;
    static final int CHUNK = 10_000;
    static final String P = "plan-" + UUID.randomUUID();
    static final Duration WAIT = QueryPlans.WAIT;
    static boolean loaded;

    @Inject
    Pool pool;

    @BeforeEach
    void load() {
        if (loaded) {
            return;
        }
        // Chains of 10 through parent_workflow_id; 100 campaigns, 500 users, 100 names, 200 datasets, 10 base datasets,
        // 40 environments, 4 common subtypes and a rare one (1 in 1000). Each document is over 1 KB,
        // as real ones are (~3 KB): ANALYZE keeps no statistics of values that wide, so the planner
        // estimates containment on doc as blindly as it does in production. One transaction with its
        // own statement timeout, in statements of 10,000 rows: on a busy machine this load takes
        // longer than the 20 s the test profile gives every statement, and one statement for all
        // of it longer than the pool's 25 s read timeout, which then closes the connection.
        pool.withTransaction(tx -> {
            Uni<?> load = tx.query("set local statement_timeout = '300s'").execute();
            for (int from = 1; from <= RECORDS; from += CHUNK) {
                Tuple range = Tuple.of(P, from, Math.min(RECORDS, from + CHUNK - 1));
                load = load.chain(() -> tx.preparedQuery("""
                        insert into workflows (workflow_id, doc)
                        select $1 || '-' || i, jsonb_build_object(
                            'workflow_id', $1 || '-' || i,
                            'campaign_id', $1 || '-c' || (i % 100),
                            'user', $1 || '-u' || (i % 500),
                            'name', 'run-' || (i % 100),
                            'subtype', case when i % 1000 = 0 then 'rare_kind'
                                            else (array['ml_workflow', 'data_prep', 'simulation', 'analysis'])[1 + i % 4] end,
                            'status', (array['FINISHED', 'ERROR', 'RUNNING'])[1 + i % 3],
                            'environment_id', 'env-' || (i % 40),
                            'utc_timestamp', 1400000000 + i,
                            'parent_workflow_id', case when i % 10 <> 0 then $1 || '-' || (i - 1) end,
                            'used', jsonb_build_object('epochs', i % 50, 'dataset', $1 || '/data/set-' || (i % 200), 'lr', 0.001, 'block', i / 10000,
                                                       'base', $1 || '/data/base-' || (i % 10),
                                                       'config', jsonb_build_object('optimizer', 'adam', 'layers', i % 7, 'seed', i)),
                            'generated', jsonb_build_object('model', $1 || '/models/' || i || '.pt', 'accuracy', (i % 1000) / 1000.0),
                            'flowcept_version', '0.8.11', 'hostname', 'node' || (i % 64) || '.frontier.olcf.ornl.gov',
                            'conf', jsonb_build_object('settings', repeat(md5(i::text), 36)))
                          from generate_series($2::int, $3::int) as i
                        """).execute(range));
            }
            return load;
        }).await().atMost(Duration.ofMinutes(5));
        // The pending list of the GIN index holds the tail of this load and what earlier test
        // classes inserted (the lineage cap test alone adds 10,001 rows); its cost estimate charges
        // that list to every scan, so the containment index looked dearer than a sequential scan,
        // or not, depending on whether autovacuum had emptied it yet. Plans are checked on the
        // settled index autovacuum keeps in production.
        pool.query("select gin_clean_pending_list('workflows_doc_path_idx')").execute().await().atMost(WAIT);
        pool.query("select gin_clean_pending_list('workflows_used_generated_idx')").execute().await().atMost(WAIT);
        pool.query("analyze workflows").execute().await().atMost(WAIT);
        pool.query("analyze workflow_artifacts").execute().await().atMost(WAIT);
        loaded = true;
    }

    static Filter.Condition eq(String dotted, JsonNode value) {
        return new Filter.Condition(new FieldPath(List.of(dotted.split("\\."))), Filter.Operator.EQ, value, "/test");
    }

    static JsonNode text(String s) {
        return JsonNodeFactory.instance.textNode(s);
    }

    static Filter.Condition in(String field, String... values) {
        var array = JsonNodeFactory.instance.arrayNode();
        for (String value : values) {
            array.add(value);
        }
        return new Filter.Condition(FieldPath.of(field), Filter.Operator.IN, array, "/test");
    }

    static SqlStatement page(Filter filter) {
        return WorkflowQueries.workflowPage(filter, List.of(), List.of(), null, 100, 4_000_000);
    }

    JsonNode assertIndexed(SqlStatement statement, String... expected) {
        return QueryPlans.assertIndexed(pool, statement, expected);
    }

    @Test
    void recordsAreLoaded() {
        long count = pool.preparedQuery("select count(*) from workflows where workflow_id like $1")
                .execute(Tuple.of(P + "-%")).await().atMost(WAIT).iterator().next().getLong(0);
        assertEquals(RECORDS, count);
    }

    @Test
    void listByCampaignUserAndOtherFilterColumns() {
        assertIndexed(page(eq("campaign_id", text(P + "-c7"))), "workflows_campaign_cover_idx");
        assertIndexed(page(eq("user", text(P + "-u42"))), "workflows_user_idx");
        assertIndexed(page(eq("parent_workflow_id", text(P + "-41"))), "workflows_parent_idx");
        // $in on a filter column: one range of its index per value (inReadsOneIndexRangePerValue).
        assertIndexed(page(in("campaign_id", P + "-c1", P + "-c2")), "workflows_campaign_cover_idx");
        assertIndexed(page(in("status", "ERROR", "UNKNOWN")), "workflows_status_idx");
    }

    @Test
    void equalityOnNameStatusSubtypeAndEnvironment() {
        assertIndexed(page(eq("name", text("run-7"))), "workflows_name_idx");
        // A status value no row has, and a rare subtype: only their indexes find them without scanning.
        assertIndexed(page(eq("status", text("UNKNOWN"))), "workflows_status_idx");
        assertIndexed(page(eq("subtype", text("rare_kind"))), "workflows_subtype_idx");
        assertIndexed(page(eq("environment_id", text("env-7"))), "workflows_environment_idx");
        // A third or a quarter of the rows: walking the time index and filtering finds a page sooner.
        assertIndexed(page(eq("status", text("ERROR"))), "workflows_status_idx", "workflows_sort_idx");
        assertIndexed(page(eq("subtype", text("data_prep"))), "workflows_subtype_idx", "workflows_sort_idx");
        // Several values of one field in one query.
        assertIndexed(page(in("user", P + "-u42", P + "-u43", P + "-u44")), "workflows_user_idx");
        assertIndexed(page(in("environment_id", "env-1", "env-2")), "workflows_environment_idx");
    }

    /**
     * $in of 3 campaigns (3% of the rows), newest first: one index scan of the campaign index
     * per value, merged in order, reading about a page of rows in all (a Merge Append pulls one
     * more row from a scan only when it emits one; each scan stops at limit + 1), also after a
     * cursor and with a second condition. PostgreSQL's own plan for campaign_id = any(...) reads
     * every match, through a bitmap or walking the sort-time index, and sorts them.
     */
    @Test
    void inReadsOneIndexRangePerValue() {
        Filter campaigns = in("campaign_id", P + "-c7", P + "-c8", P + "-c9");
        Keyset cursor = new Keyset(List.of("1400050042"), P + "-50042");
        for (Filter filter : List.of(campaigns, Filter.and(List.of(campaigns, eq("status", text("FINISHED")))))) {
            for (Keyset after : java.util.Arrays.asList(null, cursor)) {
                SqlStatement statement = WorkflowQueries.workflowPage(filter, List.of(), List.of(), after, 100, 4_000_000);
                assertIndexed(statement, "workflows_campaign_cover_idx");
                JsonNode analyzed = QueryPlans.explain(pool, "analyze", statement);
                List<JsonNode> nodes = QueryPlans.nodes(analyzed);
                String plan = statement.sql() + "\n" + analyzed.toPrettyString();
                List<JsonNode> scans = nodes.stream().filter(n -> n.path("Relation Name").asText().equals("workflows")).toList();
                assertEquals(3, scans.size(), plan);
                for (JsonNode scan : scans) {
                    assertEquals("Index Scan", scan.path("Node Type").asText(), plan);
                    assertEquals("workflows_campaign_cover_idx", scan.path("Index Name").asText(), plan);
                }
                assertTrue(nodes.stream().anyMatch(n -> n.path("Node Type").asText().equals("Merge Append")), plan);
                long pulled = scans.stream().mapToLong(n -> n.path("Actual Rows").asLong()).sum();
                assertTrue(pulled <= 101 + 3, "pulled " + pulled + " rows:\n" + plan);
                // The only sort is the final one of the page's rows.
                assertTrue(nodes.stream().filter(n -> n.path("Node Type").asText().equals("Sort"))
                        .allMatch(n -> n.path("Actual Rows").asLong() <= 101), plan);
            }
        }
    }

    /**
     * Pages of the per-value statement hold exactly the rows of the plain ordered query, page
     * after page: several campaigns, a second condition, a repeated value and null (rows
     * without a campaign: other test classes' records), users. Both sides read the whole table.
     */
    @Test
    void inPagesAreTheOrderedMatches() {
        var campaignsWithNull = JsonNodeFactory.instance.arrayNode().add(P + "-c7").add(P + "-c8").add(P + "-c7").addNull();
        Filter withNull = new Filter.Condition(FieldPath.of("campaign_id"), Filter.Operator.IN, campaignsWithNull, "/test");
        List<Object[]> cases = List.of(
                new Object[] {in("campaign_id", P + "-c7", P + "-c8", P + "-c9"), "campaign_id = any($1)", List.of(P + "-c7", P + "-c8", P + "-c9")},
                new Object[] {Filter.and(List.of(in("campaign_id", P + "-c7", P + "-c8", P + "-c9"), eq("status", text("ERROR")))),
                        "campaign_id = any($1) and status = 'ERROR'", List.of(P + "-c7", P + "-c8", P + "-c9")},
                new Object[] {withNull, "(campaign_id = any($1) or campaign_id is null)", List.of(P + "-c7", P + "-c8")},
                new Object[] {in("user", P + "-u42", P + "-u43"), "user_name = any($1)", List.of(P + "-u42", P + "-u43")});
        for (Object[] c : cases) {
            Filter filter = (Filter) c[0];
            assertTrue(page(filter).sql().contains(ValueRangesTest.RANGE), "not the per-value statement: " + page(filter).sql());
            List<String> expected = new ArrayList<>();
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) c[2];
            pool.preparedQuery("select workflow_id from workflows where " + c[1] + " order by sort_time desc, workflow_id desc limit 250")
                    .execute(Tuple.of(values.toArray(new String[0]))).await().atMost(WAIT).forEach(row -> expected.add(row.getString(0)));
            assertEquals(250, expected.size(), String.valueOf(c[1]));
            List<String> walked = walkPages(filter, 3);
            assertEquals(expected, walked.subList(0, Math.min(walked.size(), expected.size())), String.valueOf(c[1]));
        }
    }

    /** The workflow_ids of the first {@code pages} default-order pages of 100 that the application's statements return for {@code filter}. */
    List<String> walkPages(Filter filter, int pages) {
        List<String> walked = new ArrayList<>();
        Keyset after = null;
        for (int page = 0; page < pages; page++) {
            SqlStatement statement = WorkflowQueries.workflowPage(filter, List.of(), List.of(), after, 100, 4_000_000);
            String key = null;
            String id = null;
            for (var row : pool.preparedQuery(statement.sql()).execute(statement.tuple()).await().atMost(WAIT)) {
                if (row.getString("body") != null) {
                    key = row.getString("key1");
                    id = row.getString("id");
                    walked.add(id);
                }
            }
            after = new Keyset(List.of(key), id);
        }
        return walked;
    }

    @Test
    void listEverythingAndTimeRanges() {
        assertIndexed(page(Filter.ALL), "workflows_sort_idx");
        assertIndexed(page(Filter.and(List.of(
                new Filter.SortTimeBound(Filter.Bound.SINCE, new BigDecimal("1400050000")),
                new Filter.SortTimeBound(Filter.Bound.UNTIL, new BigDecimal("1400050500"))))), "workflows_sort_idx");
        assertIndexed(page(Filter.and(List.of(eq("campaign_id", text(P + "-c7")),
                new Filter.SortTimeBound(Filter.Bound.SINCE, new BigDecimal("1400090000"))))), "workflows_campaign_cover_idx");
        // The same range written in the query language, on utc_timestamp.
        assertIndexed(page(Filter.and(List.of(
                new Filter.Condition(new FieldPath(List.of("utc_timestamp")), Filter.Operator.GTE,
                        JsonNodeFactory.instance.numberNode(1400050000), "/test"),
                new Filter.Condition(new FieldPath(List.of("utc_timestamp")), Filter.Operator.LT,
                        JsonNodeFactory.instance.numberNode(1400050500), "/test")))), "workflows_sort_idx");
        // The next page of a walk starts at the cursor through the same index.
        assertIndexed(WorkflowQueries.workflowPage(eq("user", text(P + "-u42")), List.of(), List.of(),
                new Keyset(List.of("1400050042"), P + "-50042"), 100, 4_000_000), "workflows_user_idx");
    }

    @Test
    void dottedPathEqualityUsesTheContainmentIndex() {
        // Under used and generated: the narrow copy's index (V4).
        assertIndexed(page(eq("used.dataset", text(P + "/data/set-7"))), "workflows_used_generated_idx");
        assertIndexed(page(eq("generated.model", text(P + "/models/77.pt"))), "workflows_used_generated_idx");
        // A nested path, a value one run holds (a value a seventh of the rows hold, used.config.layers, may
        // rightly be collected by a sequential scan that stops at the cap: its statistics say so).
        assertIndexed(page(eq("used.config.seed", JsonNodeFactory.instance.numberNode(4242))), "workflows_used_generated_idx");
        assertIndexed(page(new Filter.Condition(new FieldPath(List.of("used", "dataset")), Filter.Operator.IN,
                JsonNodeFactory.instance.arrayNode().add(P + "/data/set-1").add(P + "/data/set-2"), "/test")), "workflows_used_generated_idx");
        // Any other path: the whole document's.
        assertIndexed(page(eq("hostname", text("node7.frontier.olcf.ornl.gov"))), "workflows_doc_path_idx");
    }

    /**
     * A containment filter pages exactly like the plain ordered query, whichever way the page
     * finds its matches ({@link #theProbeChoosesBetweenCollectingAndWalking}): a dataset (500 of
     * 100,000), the optimizer every row holds, an epoch (2,000), and a block of 10,000
     * consecutive runs, across pages. Both sides read the whole table, other test classes' rows
     * included, so which way each page goes depends on what is newest; the result must not.
     */
    @Test
    void containmentPagesAreTheOrderedMatchesEitherWay() {
        for (Filter.Condition filter : List.of(eq("used.dataset", text(P + "/data/set-7")), eq("used.config.optimizer", text("adam")),
                eq("used.epochs", JsonNodeFactory.instance.numberNode(7)), eq("used.block", JsonNodeFactory.instance.numberNode(3)))) {
            String containment = FilterSql.containment(filter.path(), filter.operand()).toString();
            List<String> expected = new ArrayList<>();
            pool.preparedQuery("select workflow_id from workflows where doc @> cast(cast($1 as text) as jsonb)"
                            + " order by sort_time desc, workflow_id desc limit 300")
                    .execute(Tuple.of(containment)).await().atMost(WAIT).forEach(row -> expected.add(row.getString(0)));
            assertEquals(300, expected.size(), containment);
            List<String> walked = walkPages(filter, 3);
            assertEquals(expected, walked, containment);
        }
    }

    /**
     * Which way a page of a containment filter on used/generated goes, from a cursor in the middle
     * of this class's rows (so that the rows the probe tests are this class's, whatever other
     * classes stored): a value one run holds is collected through the GIN index and never walked
     * (PostgreSQL's own plan, which assumes 1% of rows match any containment, walks the sort-time
     * index and at 1,000,000 rows reads the whole table when fewer than 100 match:
     * bench/RESULTS.md); a value on every row the probe tests is walked at once, its matches never
     * collected; a block of 10,000 runs older than the probe's rows is collected, passes the cap,
     * and then walked.
     */
    @Test
    void theProbeChoosesBetweenCollectingAndWalking() {
        Keyset middle = new Keyset(List.of("1400050000"), P + "-50000");
        Execution rare = execute(eq("generated.model", text(P + "/models/777.pt")), middle);
        assertTrue(rare.collected() && !rare.walked(), rare.plan());
        Execution frequent = execute(eq("used.config.optimizer", text("adam")), middle);
        assertTrue(!frequent.collected() && frequent.walked(), frequent.plan());
        Execution pastCap = execute(eq("used.block", JsonNodeFactory.instance.numberNode(3)), middle);
        assertTrue(pastCap.collected() && pastCap.walked(), pastCap.plan());
        // The filter reads the whole document (hostname): no probe, whose row tests would cost what the rechecks do.
        SqlStatement onDoc = WorkflowQueries.workflowPage(eq("hostname", text("node7.frontier.olcf.ornl.gov")), List.of(), List.of(),
                middle, 100, 4_000_000);
        assertFalse(onDoc.sql().contains("probe"), onDoc.sql());
    }

    /** What ran of a page's plan: the GIN collection (CTE matched), and the sort-time walk outside the probe. */
    record Execution(boolean collected, boolean walked, String plan) {
    }

    Execution execute(Filter filter, Keyset after) {
        SqlStatement statement = WorkflowQueries.workflowPage(filter, List.of(), List.of(), after, 100, 4_000_000);
        assertTrue(statement.sql().contains("probe"), statement.sql());
        JsonNode analyzed = QueryPlans.explain(pool, "analyze", statement);
        long matchedLoops = 0;
        long walkLoops = 0;
        for (JsonNode node : QueryPlans.nodes(analyzed)) {
            if (node.path("Subplan Name").asText().equals("CTE matched")) {
                matchedLoops += node.path("Actual Loops").asLong();
            }
        }
        for (JsonNode node : outsideCtes(analyzed)) {
            if (node.path("Index Name").asText().equals("workflows_sort_idx")) {
                walkLoops += node.path("Actual Loops").asLong();
            }
        }
        return new Execution(matchedLoops > 0, walkLoops > 0, statement.sql() + "\n" + analyzed.toPrettyString());
    }

    /** The nodes of {@code plan} outside the probe and the collection (the probe's walk of 1,000 rows is not the page's walk). */
    static List<JsonNode> outsideCtes(JsonNode plan) {
        List<JsonNode> into = new ArrayList<>();
        if (List.of("CTE probe", "CTE matched").contains(plan.path("Subplan Name").asText())) {
            return into;
        }
        into.add(plan);
        for (JsonNode child : plan.path("Plans")) {
            into.addAll(outsideCtes(child));
        }
        return into;
    }

    @Test
    void artifactLookups() {
        assertIndexed(WorkflowQueries.artifactPage(P + "/data/set-7", WorkflowQueries.ArtifactRole.ANY, null, 100, 4_000_000),
                "workflow_artifacts_lookup_idx");
        assertIndexed(WorkflowQueries.artifactPage(P + "/models/77.pt", WorkflowQueries.ArtifactRole.GENERATED,
                new Keyset(List.of("1400099999"), P + "-99999"), 100, 4_000_000), "workflow_artifacts_lookup_idx");
    }

    /**
     * A page of artifacts reads the documents of that page only, and for a dataset that 10,000
     * runs read (10%) one page of artifact rows, in page order off the lookup index. Without the
     * dependency statistics of V6, PostgreSQL took those matches for a few hundred, fetched them
     * all and sorted them; with the documents joined before the sort it also turned every match's
     * document into text (at 1,000,000 records, 20,000 matches: 560-1,010 ms a page). A dataset
     * that 500 runs read is not among the values ANALYZE counts (its estimate comes from the
     * number of distinct values), so its matches may still be collected and sorted: a bounded
     * cost (~2 ms), with the documents fetched after the sort all the same.
     */
    @Test
    void anArtifactPageReadsOnlyItsRows() {
        Keyset middle = new Keyset(List.of("1400050000"), P + "-50000");
        for (String value : List.of(P + "/data/base-7", P + "/data/set-7")) {
            for (WorkflowQueries.ArtifactRole role : List.of(WorkflowQueries.ArtifactRole.USED, WorkflowQueries.ArtifactRole.ANY)) {
                for (Keyset after : java.util.Arrays.asList(null, middle)) {
                    SqlStatement statement = WorkflowQueries.artifactPage(value, role, after, 100, 4_000_000);
                    JsonNode analyzed = QueryPlans.explain(pool, "analyze", statement);
                    String plan = statement.sql() + "\n" + analyzed.toPrettyString();
                    long artifactRows = 0;
                    long documents = 0;
                    for (JsonNode node : QueryPlans.nodes(analyzed)) {
                        long rows = node.path("Actual Rows").asLong() * node.path("Actual Loops").asLong();
                        switch (node.path("Relation Name").asText()) {
                            case "workflow_artifacts" -> artifactRows += rows;
                            case "workflows" -> documents += rows;
                            default -> { }
                        }
                    }
                    assertEquals(101, documents, plan);
                    if (value.endsWith("/base-7")) {
                        assertTrue(artifactRows <= 101, "artifact rows read: " + artifactRows + "\n" + plan);
                    }
                }
            }
        }
    }

    @Test
    void lineageWalks() {
        for (WorkflowQueries.Direction direction : WorkflowQueries.Direction.values()) {
            assertIndexed(WorkflowQueries.lineage(P + "-55", direction, 10, 10_000, List.of(), 4_000_000),
                    direction == WorkflowQueries.Direction.ANCESTORS ? "workflows_pkey" : "workflows_parent_idx");
        }
    }

    @Test
    void campaignSummaries() {
        assertIndexed(WorkflowQueries.campaignSummary(P + "-c7"), "workflows_campaign_cover_idx");
        assertIndexed(WorkflowQueries.campaignPage(null, 100, 4_000_000), "workflows_campaign_cover_idx");
        assertIndexed(WorkflowQueries.campaignPage(P + "-c50", 100, 4_000_000), "workflows_campaign_cover_idx");
    }

    /**
     * A summary counts its campaign's workflows from the covering index alone: once vacuum has
     * marked the table's pages all-visible, no row of the table is read (a campaign's runs lie
     * scattered over the table, and reading them was what made a page of 100 summaries cost
     * ~0.8 s at 1,000,000 records). One pass over the campaign's entries, not one per aggregate.
     */
    @Test
    void campaignSummariesReadOnlyTheIndex() {
        pool.query("vacuum workflows").execute().await().atMost(WAIT);
        for (SqlStatement statement : List.of(WorkflowQueries.campaignSummary(P + "-c7"),
                WorkflowQueries.campaignPage(P + "-c50", 10, 4_000_000))) {
            JsonNode analyzed = QueryPlans.explain(pool, "analyze", statement);
            String plan = statement.sql() + "\n" + analyzed.toPrettyString();
            List<JsonNode> summaryScans = QueryPlans.nodes(analyzed).stream()
                    .filter(n -> n.path("Relation Name").asText().equals("workflows") && n.path("Actual Rows").asLong() > 1)
                    .toList();
            // One pass over the campaign's entries for all of its figures.
            assertEquals(1, summaryScans.size(), plan);
            for (JsonNode scan : summaryScans) {
                assertEquals("Index Only Scan", scan.path("Node Type").asText(), plan);
                assertEquals("workflows_campaign_cover_idx", scan.path("Index Name").asText(), plan);
                // Each summary reads its ~1,000 entries once (per loop: the page runs it per campaign).
                assertTrue(scan.path("Actual Rows").asLong() <= RECORDS / 100 + 100, plan);
                assertTrue(scan.path("Heap Fetches").asLong() <= scan.path("Actual Rows").asLong() * scan.path("Actual Loops").asLong() / 10,
                        "table rows read besides the index:\n" + plan);
            }
        }
    }
}
