\set n random(1, 50)
select campaign from probe_values where i = :n \gset
select w.doc::text as body, w.sort_time as k1, w.workflow_id as id
  from workflows w where w.campaign_id = :campaign::text
 order by w.sort_time desc, w.workflow_id desc
 limit 101;
