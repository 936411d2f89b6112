package io.workflowingest.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of every read shape (API.md "Read and query"), as {@link SqlStatement}s: pure
 * functions of their arguments, so tests can EXPLAIN exactly what the application runs.
 *
 * <p>Pages are keyset-paged (never OFFSET): the statement returns up to {@code limit + 1} rows in
 * order with their sort keys; a row's {@code body} is NULL when it falls outside the page,
 * either past {@code limit} or because the bodies before it already fill {@code budgetBytes}
 * (the first row always fits). So the response never needs more than one page of bodies in
 * memory, and a NULL body says "there is a next page, starting after the last body".
 */
public final class WorkflowQueries {

    /** Lineage: direction of the walk from the root. */
    public enum Direction { ANCESTORS, DESCENDANTS, BOTH }

    /** Artifacts: where the value must occur. */
    public enum ArtifactRole { USED, GENERATED, ANY }

    /** Estimated bytes of a node's edge {"parent": ..., "child": ...} in the lineage response; the service checks the exact size. */
    private static final String EDGE_ESTIMATE =
            "case when parent is null then 0 else 32 + 2 * (octet_length(id) + octet_length(parent)) end";

    private WorkflowQueries() {
    }

    /**
     * A page of workflows matching {@code filter}. Default order ({@code sort} empty): newest
     * first by sort time, then workflow_id descending, served by the (column, sort_time desc,
     * workflow_id desc) indexes. Custom order: the JSON values at the sort paths (missing and JSON
     * null last), then workflow_id in the direction of the last key. Result columns: body, one
     * text column per sort key (the default order has one: sort_time), id, the body's size in bytes.
     * The default order has two special plans: {@link #valueRangesPage} for an {@code $in} on a
     * filter column, {@link #containmentFirst} for a containment test (which wins over the first).
     */
    public static SqlStatement workflowPage(Filter filter, List<SortKey> sort, List<FieldPath> projection,
            Keyset after, int limit, int budgetBytes) {
        if (sort.isEmpty()) {
            FilterSql.ValueRanges ranges = FilterSql.valueRanges(filter, MAX_VALUE_RANGES);
            SqlStatement page = ranges == null ? null : valueRangesPage(ranges, projection, after, limit, budgetBytes);
            if (page != null) {
                return page;
            }
        }
        SqlParams params = new SqlParams();
        FilterSql filters = new FilterSql(params);
        String body = body(filters, params, projection);
        String where = filters.where(filter);
        List<String> keyExprs = new ArrayList<>();
        List<String> innerOrder = new ArrayList<>();
        List<String> outerOrder = new ArrayList<>();
        String keyset = null;
        if (sort.isEmpty()) {
            keyExprs.add("w.sort_time");
            innerOrder.add("w.sort_time desc");
            innerOrder.add("w.workflow_id desc");
            outerOrder.add("k1 desc");
            outerOrder.add("id desc");
            if (after != null) {
                keyset = sortTimeKeyset(params, after, "w");
            }
        } else {
            for (int i = 0; i < sort.size(); i++) {
                SortKey key = sort.get(i);
                String expr = "nullif(" + filters.value(key.path()) + ", 'null'::jsonb)";
                keyExprs.add(expr);
                String direction = key.descending() ? " desc nulls last" : " asc nulls last";
                innerOrder.add(expr + direction);
                outerOrder.add("k" + (i + 1) + direction);
            }
            boolean lastDescending = sort.get(sort.size() - 1).descending();
            innerOrder.add("w.workflow_id" + (lastDescending ? " desc" : " asc"));
            outerOrder.add("id" + (lastDescending ? " desc" : " asc"));
            if (after != null) {
                keyset = customKeyset(params, keyExprs, sort, after, lastDescending);
            }
        }
        if (sort.isEmpty() && filters.hasPositiveContainment()) {
            FilterSql walkFilters = new FilterSql(params, true);
            String walk = walkFilters.where(filter);
            return params.statement(budgeted(containmentFirst(body, where, walk, !walkFilters.readsDocument(), keyset, params, limit),
                    1, outerOrder, params, limit, budgetBytes));
        }
        StringBuilder select = new StringBuilder("select ").append(body).append(" as body");
        for (int i = 0; i < keyExprs.size(); i++) {
            select.append(", ").append(keyExprs.get(i)).append(" as k").append(i + 1);
        }
        select.append(", w.workflow_id as id\n  from workflows w\n where ").append(where);
        if (keyset != null) {
            select.append("\n   and ").append(keyset);
        }
        select.append("\n order by ").append(String.join(", ", innerOrder))
                .append("\n limit ").append(params.integer(limit + 1));
        return params.statement(budgeted(select.toString(), keyExprs.size(), outerOrder, params, limit, budgetBytes));
    }

    /**
     * Most values (null included) of an {@code $in} that a default-order page reads one index
     * range at a time ({@link #valueRangesPage}). Each range is one more subquery to plan, about
     * 0.03 ms: 32 cost about 1 ms, well under what the bitmap and sort of every match cost (3
     * campaigns at 1,000,000 records: 19.0 ms in the function against 13.1 ms for one campaign,
     * bench/RESULTS.md), and the API's 1,000 would cost 30 ms. Past 32 the values together are
     * likely a large share of the table, where PostgreSQL's own plan for {@code = any(...)} (walk
     * the sort-time index and filter) finds a page soon.
     */
    static final int MAX_VALUE_RANGES = 32;

    /**
     * The default-order page for a filter whose best column condition is an {@code $in} of a
     * few values ({@link FilterSql#valueRanges}). For {@code column = any(...)} ORDER BY sort_time
     * LIMIT n no index range holds the matches in order, so PostgreSQL fetches them all through a
     * bitmap and sorts them (3 campaigns at 1,000,000 records: 3,000 rows for a page of 100; it
     * does so even for one value, not knowing the array holds one) or walks the sort-time index
     * testing every row. Each value's range of the (column, sort_time desc, workflow_id desc)
     * index is in order, though: the statement is a UNION ALL of one ordered, limited subquery per
     * value, each with the rest of the conjunction and the cursor, which PostgreSQL runs as a
     * Merge Append of per-value index scans. That pulls a row from a range only when it emits
     * one, so it reads about {@code limit + 1} rows in all. (A LATERAL join over an array of the
     * values plans once, but reads {@code limit + 1} rows of every range and sorts them: 3,232
     * for 32 values.) Each subquery is planned on its own, so with a rare second condition
     * (status ERROR) PostgreSQL may collect and sort one value's few matches instead: bounded by
     * that value's range. The values are distinct, so the ranges are disjoint and no row comes
     * twice; documents become text only for the page's rows. {@code column is null} is no
     * equality to PostgreSQL, so null's range is sorted, or found by walking the sort-time index,
     * as its statistics of nulls suggest.
     *
     * <p>Null when the rest of the conjunction holds a containment test: {@link #containmentFirst}
     * wins, because its cost is bounded whatever the {@code $in} values hold, while a walk of a
     * value's range testing a rare containment on each row reads the whole range (for a status,
     * most of the table).
     */
    private static SqlStatement valueRangesPage(FilterSql.ValueRanges ranges, List<FieldPath> projection, Keyset after,
            int limit, int budgetBytes) {
        SqlParams params = new SqlParams();
        FilterSql filters = new FilterSql(params);
        String rest = ranges.rest().isEmpty() ? null : filters.where(Filter.and(ranges.rest()));
        if (filters.hasPositiveContainment()) {
            return null;
        }
        String body = body(filters, params, projection);
        String keyset = after == null ? null : sortTimeKeyset(params, after, "w");
        String rows = params.integer(limit + 1);
        List<String> subqueries = new ArrayList<>();
        for (String test : filters.rangeTests(ranges)) {
            // Every column, so the body reads whichever one FilterSql picks (doc, used_generated, ...) as over workflows itself.
            StringBuilder sub = new StringBuilder("select w.* from workflows w\n          where ").append(test);
            if (rest != null) {
                sub.append("\n            and ").append(rest);
            }
            if (keyset != null) {
                sub.append("\n            and ").append(keyset);
            }
            subqueries.add(sub.append("\n          order by w.sort_time desc, w.workflow_id desc limit ").append(rows).toString());
        }
        // One range is the subquery itself: a second ORDER BY on it would be a syntax error.
        String ranged = subqueries.size() == 1 ? subqueries.get(0)
                : "(" + String.join(")\n        union all\n        (", subqueries) + ")\n"
                        + "        order by sort_time desc, workflow_id desc limit " + rows;
        String select = "select " + body + " as body, w.sort_time as k1, w.workflow_id as id\n  from (" + ranged + ") as w";
        return params.statement(budgeted(select, 1, List.of("k1 desc", "id desc"), params, limit, budgetBytes));
    }

    /**
     * "After the cursor" in the default order, on the table aliased {@code alias} (workflows or
     * workflow_artifacts): a row comparison that the sort_time and workflow_id columns of every
     * sort index serve, the artifact lookup index's included.
     */
    private static String sortTimeKeyset(SqlParams params, Keyset after, String alias) {
        return "(" + alias + ".sort_time, " + alias + ".workflow_id) < (" + params.numeric(new BigDecimal(after.keys().get(0))) + ", "
                + params.text(after.id()) + ")";
    }

    /**
     * Matches of a containment filter past which the default-order page stops collecting them
     * through the GIN index and walks the sort-time index instead (see {@link #containmentFirst}).
     */
    static final int CONTAINMENT_CAP = 5_000;

    /** Rows after the cursor whose matches the probe of {@link #containmentFirst} counts. */
    static final int PROBE_ROWS = 1_000;

    /**
     * Rows the sort-time walk may be expected to test before the probe of
     * {@link #containmentFirst} chooses it: at ~0.7 us a row on {@code used_generated}, ~18 ms.
     * A multiple of {@link #PROBE_ROWS}.
     */
    static final int PROBE_WALK_ROWS = 25_000;

    /**
     * The default-order page for a filter with a containment test, which PostgreSQL cannot
     * estimate: documents are too wide for column statistics, so it assumes 1% of the table
     * matches, and with ORDER BY sort_time LIMIT n it walks the sort-time index testing each
     * row, expecting n matches within 100 n rows. For a rare value (a dataset path read by 100
     * runs out of 1,000,000) that walk reads the whole table: 9 s measured (bench/RESULTS.md).
     * Instead the statement first collects up to {@link #CONTAINMENT_CAP} + 1 matches through the
     * GIN index (a bitmap scan; no order needed) and, when they are all, sorts those and fetches
     * the page's documents by key; only when more match does it walk the sort-time index (its
     * containment tests written so that the GIN index cannot serve them: the planner would still
     * guess 1% and, on smaller tables, collect and sort every match), which then finds n matches
     * quickly because they are frequent. Cost either way: at most about
     * CONTAINMENT_CAP rechecked documents plus 100 n / (CONTAINMENT_CAP / table rows) walked rows.
     *
     * <p>The dearest values are those just above the cap: all the rechecks, then the walk (a
     * value 2% of 1,000,000 records hold: 5,000 rechecks at ~4 us, one per heap page, then ~5,000
     * walked rows at ~0.7 us; 34 ms). So when {@code probe} (the filter reads only columns and
     * {@code used_generated}, cheap to test), the statement first tests the {@link #PROBE_ROWS}
     * rows after the cursor in page order (~1 ms), and walks straight away when their matches
     * say a page lies within {@link #PROBE_WALK_ROWS} rows of the walk: a value that is frequent
     * where the page starts costs its walk alone (3-4 ms for that 2%), and a rare one the probe
     * plus its rechecks. Unless fewer than PROBE_ROWS rows follow the cursor (then walking them
     * all is cheap), the probe only chooses the plan: every branch returns the same page. A
     * filter that reads {@code doc} (~10-20 us a row) is not probed: the probe alone would cost
     * what the rechecks do.
     */
    private static String containmentFirst(String body, String where, String walkWhere, boolean probe, String keyset,
            SqlParams params, int limit) {
        String after = keyset == null ? "" : "\n   and " + keyset;
        String matches = where + after;
        String cap = params.integer(CONTAINMENT_CAP);
        String rows = params.integer(limit + 1);
        String walkFirst = "false";
        StringBuilder with = new StringBuilder("with ");
        if (probe) {
            String probeRows = params.integer(PROBE_ROWS);
            // hits / PROBE_ROWS >= rows / PROBE_WALK_ROWS: the page's rows lie within PROBE_WALK_ROWS at the probed density.
            with.append("probe as materialized (\n")
                    .append("  select count(*) < ").append(probeRows).append(" or count(*) filter (where ").append(walkWhere)
                    .append(") * ").append(params.integer(PROBE_WALK_ROWS / PROBE_ROWS)).append(" >= ").append(rows).append(" as walk\n")
                    .append("    from (select * from workflows w")
                    .append(keyset == null ? "" : " where " + keyset)
                    .append(" order by w.sort_time desc, w.workflow_id desc limit ").append(probeRows).append(") as w\n),\n");
            walkFirst = "(select walk from probe)";
        }
        // Each branch's gate is a one-time filter whose subqueries run on first use, left to right:
        // when the probe chooses the walk, the GIN collection never runs.
        return with
                .append("matched as materialized (\n")
                .append("  select w.workflow_id, w.sort_time from workflows w\n   where ").append(matches)
                .append("\n   limit ").append(cap).append(" + 1\n)\n")
                .append("select ").append(body).append(" as body, m.sort_time as k1, m.workflow_id as id\n")
                .append("  from (select * from matched order by sort_time desc, workflow_id desc limit ").append(rows).append(") as m\n")
                .append("  join workflows w on w.workflow_id = m.workflow_id\n")
                .append(" where not ").append(walkFirst).append(" and (select count(*) from matched) <= ").append(cap).append("\n")
                .append("union all\n")
                .append("(select ").append(body).append(" as body, w.sort_time as k1, w.workflow_id as id\n")
                .append("  from workflows w\n where ").append(walkWhere).append(after).append("\n   and (").append(walkFirst)
                .append(" or (select count(*) from matched) > ").append(cap).append(")\n")
                .append(" order by w.sort_time desc, w.workflow_id desc\n limit ").append(rows).append(")")
                .toString();
    }

    /**
     * The expanded keyset predicate "strictly after {@code after}" for a mixed-direction sort with
     * missing values last: OR over i of (keys before i equal, key i after), then all keys equal and
     * workflow_id after. A null cursor value has nothing after it within its key.
     */
    private static String customKeyset(SqlParams params, List<String> keyExprs, List<SortKey> sort, Keyset after,
            boolean lastDescending) {
        List<String> alternatives = new ArrayList<>();
        List<String> equalSoFar = new ArrayList<>();
        for (int i = 0; i < sort.size(); i++) {
            String expr = keyExprs.get(i);
            String value = after.keys().get(i);
            if (value != null) {
                String bound = params.jsonb(value);
                String beyond = "(" + expr + (sort.get(i).descending() ? " < " : " > ") + bound + " or " + expr + " is null)";
                alternatives.add(conjunction(equalSoFar, beyond));
                equalSoFar.add(expr + " = " + bound);
            } else {
                equalSoFar.add(expr + " is null");
            }
        }
        alternatives.add(conjunction(equalSoFar, "w.workflow_id " + (lastDescending ? "<" : ">") + " " + params.text(after.id())));
        return "(" + String.join("\n        or ", alternatives) + ")";
    }

    private static String conjunction(List<String> prefix, String last) {
        List<String> all = new ArrayList<>(prefix);
        all.add(last);
        return all.size() == 1 ? all.get(0) : "(" + String.join(" and ", all) + ")";
    }

    /**
     * Workflows whose {@code used} and/or {@code generated} hold {@code value} as a string at any
     * depth, newest first, straight off the artifact index (value digest, sort_time desc,
     * workflow_id desc). Columns as for {@link #workflowPage} with the default order.
     *
     * <p>The page's keys are sorted and limited first, and only then joined to their documents.
     * Joined before the LIMIT, the documents of every match became text ahead of the sort
     * whenever PostgreSQL collected the matches through a bitmap and sorted them, as it does for
     * values it expects to be rare: for a value 2% of 1,000,000 runs hold, 560-1,010 ms a page
     * against 34-37 ms (bench/results/2026-11-29-seventh-run/frequent-artifact.txt). V6's
     * statistics make it walk a frequent value's index range in order instead (2.1 ms); values
     * it misjudges are still sorted, but only their keys.
     */
    public static SqlStatement artifactPage(String value, ArtifactRole role, Keyset after, int limit, int budgetBytes) {
        SqlParams params = new SqlParams();
        String bound = params.text(value);
        StringBuilder keys = new StringBuilder("select a.sort_time, a.workflow_id from workflow_artifacts a\n")
                .append("         where a.value_md5 = md5(").append(bound).append(")::uuid and a.value = ").append(bound);
        if (role == ArtifactRole.USED) {
            keys.append(" and a.used");
        } else if (role == ArtifactRole.GENERATED) {
            keys.append(" and a.generated");
        }
        if (after != null) {
            keys.append("\n           and ").append(sortTimeKeyset(params, after, "a"));
        }
        keys.append("\n         order by a.sort_time desc, a.workflow_id desc limit ").append(params.integer(limit + 1));
        String select = "select w.doc::text as body, m.sort_time as k1, m.workflow_id as id\n"
                + "  from (" + keys + ") as m\n"
                + "  join workflows w on w.workflow_id = m.workflow_id";
        return params.statement(budgeted(select, 1, List.of("k1 desc", "id desc"), params, limit, budgetBytes));
    }

    /**
     * The workflows reachable from {@code rootId} through parent_workflow_id, at most
     * {@code depth} steps away, root first, then ancestors nearest first, then descendants by
     * depth (breadth first). Each walk stops at a workflow already on its path, so cycles
     * (including a self-parent) end it; LIMIT on each walk stops the recursion itself once
     * {@code cap + 1} nodes are found. Columns: body, id, parent, depth (negative for ancestors);
     * body is NULL past {@code cap} nodes or past the byte budget. No row: the root is absent.
     */
    public static SqlStatement lineage(String rootId, Direction direction, int depth, int cap,
            List<FieldPath> projection, int budgetBytes) {
        SqlParams params = new SqlParams();
        FilterSql filters = new FilterSql(params);
        String body = body(filters, params, projection);
        String root = params.text(rootId);
        String maxDepth = params.integer(depth);
        String found = params.integer(cap + 1);
        StringBuilder sql = new StringBuilder("with recursive\n");
        sql.append("up (workflow_id, parent, depth, path) as (\n")
                .append("  select w.workflow_id, w.parent_workflow_id, 0, array[w.workflow_id] from workflows w where w.workflow_id = ").append(root).append("\n")
                .append("  union all\n")
                .append("  select p.workflow_id, p.parent_workflow_id, u.depth + 1, u.path || p.workflow_id\n")
                .append("    from up u join workflows p on p.workflow_id = u.parent\n")
                .append("   where u.depth < ").append(maxDepth).append(" and p.workflow_id <> all(u.path)),\n");
        sql.append("down (workflow_id, depth, path) as (\n")
                .append("  select w.workflow_id, 0, array[w.workflow_id] from workflows w where w.workflow_id = ").append(root).append("\n")
                .append("  union all\n")
                .append("  select c.workflow_id, d.depth + 1, d.path || c.workflow_id\n")
                .append("    from down d join workflows c on c.parent_workflow_id = d.workflow_id\n")
                .append("   where d.depth < ").append(maxDepth).append(" and c.workflow_id <> all(d.path)),\n");
        sql.append("reached (workflow_id, depth) as (\n")
                .append("  select w.workflow_id, 0 from workflows w where w.workflow_id = ").append(root).append("\n");
        if (direction != Direction.DESCENDANTS) {
            sql.append("  union all\n  (select workflow_id, -depth from up where depth > 0 limit ").append(found).append(")\n");
        }
        if (direction != Direction.ANCESTORS) {
            sql.append("  union all\n  (select workflow_id, depth from down where depth > 0 limit ").append(found).append(")\n");
        }
        sql.append("),\n");
        // A cycle walked both ways meets the same workflow as ancestor and descendant: keep the nearer.
        sql.append("nodes as (\n")
                .append("  select distinct on (workflow_id) workflow_id, depth from reached order by workflow_id, abs(depth), depth\n")
                .append(")\n");
        String order = "(case when depth = 0 then 0 when depth < 0 then 1 else 2 end), abs(depth), id";
        sql.append("select case when row_number() over win <= ").append(params.integer(cap))
                .append(" and (row_number() over win = 1 or sum(octet_length(body) + 1 + ").append(EDGE_ESTIMATE).append(") over win <= ")
                .append(params.integer(budgetBytes))
                .append(") then body end as body, id, parent, depth\n")
                .append("  from (select ").append(body).append(" as body, w.workflow_id as id, w.parent_workflow_id as parent, n.depth\n")
                .append("          from nodes n join workflows w on w.workflow_id = n.workflow_id) as x\n")
                .append("window win as (order by ").append(order).append(" rows between unbounded preceding and current row)\n")
                .append(" order by ").append(order);
        return params.statement(sql.toString());
    }

    /**
     * Summary of one campaign: one row whose column is the JSON summary, or no row when no
     * workflow has that campaign_id.
     */
    public static SqlStatement campaignSummary(String campaignId) {
        SqlParams params = new SqlParams();
        String id = params.text(campaignId);
        String sql = "select " + campaignSummaryJson(id) + "::text as body\n where exists (select 1 from workflows where campaign_id = " + id + ")";
        return params.statement(sql);
    }

    /**
     * A page of campaign summaries in campaign_id order, after {@code afterCampaignId} (null: from
     * the start). The distinct campaign ids come from a skip scan of the campaign index (one index
     * probe per campaign, however many workflows each has). Columns: body, id, bytes.
     */
    public static SqlStatement campaignPage(String afterCampaignId, int limit, int budgetBytes) {
        SqlParams params = new SqlParams();
        String start = afterCampaignId == null ? "campaign_id is not null" : "campaign_id > " + params.text(afterCampaignId);
        String sql = "with recursive ids (campaign_id) as (\n"
                + "  (select campaign_id from workflows where " + start + " order by campaign_id limit 1)\n"
                + "  union all\n"
                + "  select (select w.campaign_id from workflows w where w.campaign_id > ids.campaign_id order by w.campaign_id limit 1)\n"
                + "    from ids where ids.campaign_id is not null\n"
                + "),\n"
                + "page as materialized (\n"
                + "  select campaign_id from ids where campaign_id is not null limit " + params.integer(limit + 1) + "\n"
                + "),\n"
                // Materialized: the select below names body three times, and a subquery in its
                // place is pulled up, which evaluated each summary up to three times.
                + "summaries as materialized (\n"
                + "  select " + campaignSummaryJson("p.campaign_id") + "::text as body, p.campaign_id as id from page p\n"
                + ")\n"
                + "select case when row_number() over win <= " + params.integer(limit)
                + " and (row_number() over win = 1 or sum(octet_length(body) + 1) over win <= " + params.integer(budgetBytes)
                + ") then body end as body, id, octet_length(body) as bytes\n"
                + "  from summaries\n"
                + "window win as (order by id rows between unbounded preceding and current row)\n"
                + " order by id";
        return params.statement(sql);
    }

    /**
     * One campaign's summary as JSON. One pass over the campaign's entries in
     * workflows_campaign_cover_idx, which carries status and user_name (V5): the workflows are
     * grouped by (status, user) there, and the few groups give the counts, the users and the
     * time range, so no table row is read for rows the last vacuum saw.
     */
    private static String campaignSummaryJson(String id) {
        return "(with g as (select status, user_name, count(*) as n, min(sort_time) as first, max(sort_time) as last\n"
                + "              from workflows where campaign_id = " + id + " group by status, user_name)\n"
                + " select json_build_object(\n"
                + "    'campaign_id', " + id + ",\n"
                + "    'workflows', coalesce(sum(g.n), 0)::bigint,\n"
                + "    'users', coalesce(json_agg(distinct g.user_name order by g.user_name) filter (where g.user_name is not null), '[]'::json),\n"
                + "    'statuses', (select coalesce(json_object_agg(s.status, s.n order by s.status), '{}'::json)\n"
                + "                   from (select status, sum(n)::bigint as n from g where status is not null group by status) as s),\n"
                + "    'first_timestamp', min(g.first),\n"
                + "    'last_timestamp', max(g.last))\n"
                + "  from g)";
    }

    /** Compiles a regular expression once; fails with SQLSTATE 2201B when it is invalid. */
    public static SqlStatement regexCheck(String pattern) {
        SqlParams params = new SqlParams();
        return params.statement("select '' ~ " + params.text(pattern));
    }

    /**
     * Wraps an ordered, limited selection (columns body, k1..kn, id) so that bodies past
     * {@code limit} or past the byte budget come back as NULL; keys come back as text.
     */
    private static String budgeted(String select, int keyCount, List<String> outerOrder, SqlParams params,
            int limit, int budgetBytes) {
        StringBuilder keys = new StringBuilder();
        for (int i = 1; i <= keyCount; i++) {
            keys.append(", k").append(i).append("::text as key").append(i);
        }
        String order = String.join(", ", outerOrder);
        return "with page as materialized (\n" + select + "\n)\n"
                + "select case when row_number() over win <= " + params.integer(limit)
                + " and (row_number() over win = 1 or sum(octet_length(body) + 1) over win <= " + params.integer(budgetBytes)
                + ") then body end as body" + keys + ", id, octet_length(body) as bytes\n"
                + "  from page\n"
                + "window win as (order by " + order + " rows between unbounded preceding and current row)\n"
                + " order by " + order;
    }

    /**
     * The document, or its projection: only the projected paths that exist, nested as in the
     * document, workflow_id always included. Levels with nothing present are left out.
     */
    private static String body(FilterSql filters, SqlParams params, List<FieldPath> projection) {
        if (projection == null || projection.isEmpty()) {
            return "w.doc::text";
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("workflow_id", Boolean.TRUE);
        for (FieldPath path : projection) {
            insert(tree, path.segments(), 0);
        }
        return "coalesce(" + projectionSql(filters, params, tree, List.of()) + ", '{}'::jsonb)::text";
    }

    /** A projection tree: key to TRUE (take the whole value) or to a subtree. A whole value wins over a deeper path. */
    @SuppressWarnings("unchecked")
    private static void insert(Map<String, Object> tree, List<String> segments, int from) {
        String key = segments.get(from);
        if (from == segments.size() - 1) {
            tree.put(key, Boolean.TRUE);
            return;
        }
        Object existing = tree.get(key);
        if (existing == Boolean.TRUE) {
            return;
        }
        Map<String, Object> subtree = existing == null ? new LinkedHashMap<>() : (Map<String, Object>) existing;
        tree.put(key, subtree);
        insert(subtree, segments, from + 1);
    }

    @SuppressWarnings("unchecked")
    private static String projectionSql(FilterSql filters, SqlParams params, Map<String, Object> tree, List<String> prefix) {
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, Object> entry : tree.entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(entry.getKey());
            keys.add(params.text(entry.getKey()));
            values.add(entry.getValue() == Boolean.TRUE
                    ? filters.value(new FieldPath(path))
                    : projectionSql(filters, params, (Map<String, Object>) entry.getValue(), path));
        }
        // jsonb_object_agg over no rows is NULL, so an empty level disappears from its parent.
        return "(select jsonb_object_agg(p.k, p.v) from unnest(array[" + String.join(", ", keys) + "], array["
                + String.join(", ", values) + "]::jsonb[]) as p(k, v) where p.v is not null)";
    }
}
