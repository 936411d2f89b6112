-- bench/query.sh: the requests of the query benchmark, one per line as "shape TAB method TAB path
-- [TAB body]", 50 per shape, with values spread over the data set of bench/query-load.sql (its
-- formulas, so every request matches; LoadGen fails a shape whose answer is empty). limit=100.
-- The first block are the indexed shapes API.md lists (latency targets); "other_" shapes are
-- allowed but have no target (they may take up to ingest.query.timeout).
with k as (select k, 1 + (k * 15485863::bigint) % :records as n from generate_series(1, 50) as k),
v as (
    select k.k, k.n,
           md5('wf-' || k.n)::uuid::text as id,
           md5('campaign-' || (k.n % 1000))::uuid::text as campaign,
           md5('campaign-' || ((k.n + 1) % 1000))::uuid::text as campaign2,
           md5('campaign-' || ((k.n + 2) % 1000))::uuid::text as campaign3,
           'user' || lpad((k.n % 200)::text, 3, '0') as usr,
           'user' || lpad(((k.n + 7) % 200)::text, 3, '0') as usr2,
           'qbench_wf_' || (k.n % 5000) as name,
           '/lustre/orion/proj123/datasets/set-' || (k.n % 10000) || '/train.npz' as dataset,
           -- chain positions (chains of 12 from n = 1): last, first and middle of n's chain
           md5('wf-' || least(((k.n - 1) / 12) * 12 + 12, :records))::uuid::text as chain_last,
           md5('wf-' || (((k.n - 1) / 12) * 12 + 1))::uuid::text as chain_first,
           md5('wf-' || (((k.n - 1) / 12) * 12 + 6))::uuid::text as chain_mid,
           1793613600 + k.n * 0.5 as t
      from k
),
finished as (  -- a FINISHED workflow near n, for the generated model path
    select v.k, md5('wf-' || m)::uuid::text as id
      from v cross join lateral (select m from generate_series(v.n, v.n + 60) as m
                                  where not (m % 53 = 0 or m % 13 = 5) and m <= :records limit 1) as f
),
lines (shape, ord, line) as (
    -- The floor: the Lambda path without the database (what every shape pays before its query).
    select 'floor_health', 0, 'GET' || E'\t' || '/q/health/live' from v
    union all select 'by_id', 1, 'GET' || E'\t' || '/api/v1/workflows/' || id from v
    union all select 'list_newest', 2, 'GET' || E'\t' || '/api/v1/workflows?limit=100' from v
    union all select 'list_campaign', 3, 'GET' || E'\t' || '/api/v1/workflows?limit=100&campaign_id=' || campaign from v
    union all select 'list_user', 4, 'GET' || E'\t' || '/api/v1/workflows?limit=100&user=' || usr from v
    union all select 'list_name', 5, 'GET' || E'\t' || '/api/v1/workflows?limit=100&name=' || name from v
    union all select 'list_status_error', 6, 'GET' || E'\t' || '/api/v1/workflows?limit=100&status=ERROR' from v
    union all select 'list_parent', 7, 'GET' || E'\t' || '/api/v1/workflows?limit=100&parent_workflow_id=' || chain_first from v
    union all select 'list_campaign_status', 8, 'GET' || E'\t' || '/api/v1/workflows?limit=100&status=FINISHED&campaign_id=' || campaign from v
    union all select 'list_time_range', 9, 'GET' || E'\t' || '/api/v1/workflows?limit=100&since=' || t || '&until=' || (t + 3600) from v
    union all select 'query_campaign_in', 10, 'POST' || E'\t' || '/api/v1/workflows/query' || E'\t'
        || jsonb_build_object('filter', jsonb_build_object('campaign_id', jsonb_build_object('$in', jsonb_build_array(campaign, campaign2, campaign3))), 'limit', 100)::text from v
    union all select 'query_user_in', 11, 'POST' || E'\t' || '/api/v1/workflows/query' || E'\t'
        || jsonb_build_object('filter', jsonb_build_object('user', jsonb_build_object('$in', jsonb_build_array(usr, usr2))), 'limit', 100)::text from v
    union all select 'query_used_dataset', 12, 'POST' || E'\t' || '/api/v1/workflows/query' || E'\t'
        || jsonb_build_object('filter', jsonb_build_object('used.dataset', dataset), 'limit', 100)::text from v
    union all select 'query_used_epochs', 13, 'POST' || E'\t' || '/api/v1/workflows/query' || E'\t'
        || jsonb_build_object('filter', jsonb_build_object('used.epochs', 1 + n % 50), 'limit', 100)::text from v
    union all select 'query_campaign_projection', 14, 'POST' || E'\t' || '/api/v1/workflows/query' || E'\t'
        || jsonb_build_object('filter', jsonb_build_object('campaign_id', campaign), 'projection', jsonb_build_array('workflow_id', 'status', 'used.dataset'), 'limit', 100)::text from v
    union all select 'artifact_used', 15, 'GET' || E'\t' || '/api/v1/artifacts?role=used&limit=100&value=' || dataset from v
    union all select 'artifact_any', 16, 'GET' || E'\t' || '/api/v1/artifacts?role=any&limit=100&value=' || dataset from v
    union all select 'artifact_generated_model', 17, 'GET' || E'\t' || '/api/v1/artifacts?role=generated&value=/lustre/orion/proj123/scratch/models/' || f.id || '.pt' from finished as f
    union all select 'lineage_ancestors_d10', 18, 'GET' || E'\t' || '/api/v1/workflows/' || chain_last || '/lineage?direction=ancestors&depth=10' from v
    union all select 'lineage_descendants_d10', 19, 'GET' || E'\t' || '/api/v1/workflows/' || chain_first || '/lineage?direction=descendants&depth=10' from v
    union all select 'lineage_both_d10', 20, 'GET' || E'\t' || '/api/v1/workflows/' || chain_mid || '/lineage?direction=both&depth=10' from v
    union all select 'campaign_summary', 21, 'GET' || E'\t' || '/api/v1/campaigns/' || campaign from v
    -- The first page of 100 summaries (100,000 workflows), the same request 50 times; before V5
    -- it was named other_campaigns_list (seconds a page, fewer requests).
    union all select 'campaign_list', 22, 'GET' || E'\t' || '/api/v1/campaigns?limit=100' from v
    -- Beyond the listed shapes: no latency target.
    union all select 'other_or_campaign_user', 23, 'POST' || E'\t' || '/api/v1/workflows/query' || E'\t'
        || jsonb_build_object('filter', jsonb_build_object('$or', jsonb_build_array(jsonb_build_object('campaign_id', campaign), jsonb_build_object('user', usr))), 'limit', 100)::text from v
    union all select 'other_utc_range', 24, 'POST' || E'\t' || '/api/v1/workflows/query' || E'\t'
        || jsonb_build_object('filter', jsonb_build_object('utc_timestamp', jsonb_build_object('$gte', t, '$lt', t + 3600)), 'limit', 100)::text from v
    union all select 'other_regex_name', 25, 'POST' || E'\t' || '/api/v1/workflows/query' || E'\t'
        || jsonb_build_object('filter', jsonb_build_object('name', jsonb_build_object('$regex', '^qbench_wf_' || (n % 5000) || '$')), 'limit', 100)::text from v
)
select shape || E'\t' || line from lines order by ord, line;
