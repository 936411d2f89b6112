\set n random(1, 50)
select dataset from probe_values where i = :n \gset
with page as materialized (
select w.doc::text as body, a.sort_time as k1, a.workflow_id as id
  from workflow_artifacts a join workflows w on w.workflow_id = a.workflow_id
 where a.value_md5 = md5(:dataset::text)::uuid and a.value = :dataset::text and a.used
 order by a.sort_time desc, a.workflow_id desc
 limit 101
)
select case when row_number() over win <= 100 and (row_number() over win = 1 or sum(octet_length(body) + 1) over win <= 4193280) then body end as body, k1::text as key1, id, octet_length(body) as bytes
  from page
window win as (order by k1 desc, id desc rows between unbounded preceding and current row)
 order by k1 desc, id desc;
