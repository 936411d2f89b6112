\timing on
explain (analyze, buffers off, costs off, timing off, summary on)
with matched as materialized (
  select w.workflow_id, w.sort_time from workflows w
   where w.used_generated @> '{"used":{"epochs":7}}'
   limit 5001
)
select w.doc::text as body, m.sort_time as k1, m.workflow_id as id
  from (select * from matched order by sort_time desc, workflow_id desc limit 101) as m
  join workflows w on w.workflow_id = m.workflow_id
 where (select count(*) from matched) <= 5000
union all
(select w.doc::text as body, w.sort_time as k1, w.workflow_id as id
  from workflows w
 where coalesce(w.used_generated @> '{"used":{"epochs":7}}', false)
   and ((select count(*) from matched) > 5000)
 order by w.sort_time desc, w.workflow_id desc
 limit 101);
