-- bench/query.sh: workflows :lo .. :hi (inclusive) of the query benchmark's data set, built in
-- the database from the stored, normalized template record (bench/template-record.json, ~3 KB),
-- so every row is a document the service itself produced, written through the same table,
-- generated columns, indexes and artifact trigger as ingest. One transaction per call.
--
-- Shapes (n = workflow number, 1-based):
--   workflow_id         md5-derived UUID of n (random insert order, like real ids)
--   campaign_id         one of 1,000 campaigns (1,000 workflows each)
--   user                one of 200 users (5,000 workflows each)
--   name                one of 5,000 names (200 each)
--   status              FINISHED, 1 in 53 ERROR, 1 in 13 RUNNING (independent of campaign and user)
--   parent_workflow_id  chains of 12 workflows: n's parent is n-1 unless n is a chain's first
--   utc_timestamp       0.5 s apart: 1,000,000 workflows span 5.8 days
--   used                {dataset: one of 10,000 paths (100 workflows each), epochs: 1..50, lr, i}
--   generated           {model_path: unique per workflow, accuracy} for FINISHED ones
with base as (
    select doc - 'used' - 'generated' as doc from workflows where workflow_id = '64c7b06c-7bdd-416a-abf2-cfb0297c7d3e'
), gen as (
    select n, md5('wf-' || n)::uuid::text as id, 1793613600 + n * 0.5 as t,
           case when n % 53 = 0 then 'ERROR' when n % 13 = 5 then 'RUNNING' else 'FINISHED' end as status
      from generate_series(:lo::int, :hi::int) as n
)
insert into workflows (workflow_id, doc, revision)
select g.id,
       b.doc || jsonb_build_object(
           'workflow_id', g.id,
           'name', 'qbench_wf_' || (g.n % 5000),
           'campaign_id', md5('campaign-' || (g.n % 1000))::uuid::text,
           'user', 'user' || lpad((g.n % 200)::text, 3, '0'),
           'status', g.status,
           'started_at', g.t - 0.0001,
           'utc_timestamp', g.t,
           'used', jsonb_build_object(
               'dataset', '/lustre/orion/proj123/datasets/set-' || (g.n % 10000) || '/train.npz',
               'epochs', 1 + g.n % 50,
               'lr', round((g.n % 997) / 9970.0, 4),
               'i', g.n))
       || case when g.n % 12 <> 1 then jsonb_build_object('parent_workflow_id', md5('wf-' || (g.n - 1))::uuid::text)
               else '{}'::jsonb end
       || case when g.status = 'FINISHED' then jsonb_build_object('ended_at', g.t + 30, 'generated', jsonb_build_object(
               'model_path', '/lustre/orion/proj123/scratch/models/' || g.id || '.pt',
               'accuracy', round((g.n % 9973) / 9973.0, 4)))
               else '{}'::jsonb end,
       case when g.status = 'FINISHED' then 2 else 1 end
  from gen as g cross join base as b;
