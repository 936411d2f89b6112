-- An artifact that 2% of the runs read, on the 1,000,000-record benchmark database (whose
-- datasets are read by 100 runs each): the artifact page's statement before and after
-- 2026-11-29 (documents joined before / after the sort and limit), without and with V6's
-- dependency statistics. Everything happens in one transaction that is rolled back.
--   psql -h 127.0.0.1 -U postgres -d qb_a -f frequent-artifact.sql
\timing off
begin;
insert into workflow_artifacts (workflow_id, value, used, generated, sort_time)
  select workflow_id, 'common.cfg', true, false, sort_time from workflows tablesample system (2) repeatable (7);
select count(*) as common_cfg_rows from workflow_artifacts where value_md5 = md5('common.cfg')::uuid;
drop statistics if exists workflow_artifacts_value_dependency;
analyze workflow_artifacts;
\echo '==== without V6 statistics; documents joined before the sort (twice: the second run is warm)'
\set before 'explain (analyze, buffers, costs on) select w.doc::text as body, a.sort_time as k1, a.workflow_id as id from workflow_artifacts a join workflows w on w.workflow_id = a.workflow_id where a.value_md5 = md5(''common.cfg'')::uuid and a.value = ''common.cfg'' and a.used order by a.sort_time desc, a.workflow_id desc limit 101'
\set after 'explain (analyze, buffers, costs on) select w.doc::text as body, m.sort_time as k1, m.workflow_id as id from (select a.sort_time, a.workflow_id from workflow_artifacts a where a.value_md5 = md5(''common.cfg'')::uuid and a.value = ''common.cfg'' and a.used order by a.sort_time desc, a.workflow_id desc limit 101) as m join workflows w on w.workflow_id = m.workflow_id'
:before;
:before;
\echo '==== without V6 statistics; documents joined after the sort'
:after;
:after;
create statistics workflow_artifacts_value_dependency (dependencies) on value_md5, value from workflow_artifacts;
analyze workflow_artifacts;
\echo '==== with V6 statistics; documents joined before the sort'
:before;
:before;
\echo '==== with V6 statistics; documents joined after the sort (the statement since 2026-11-29)'
:after;
:after;
rollback;
