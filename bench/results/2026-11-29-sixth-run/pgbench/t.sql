\timing on
create temp table art_ids as select workflow_id from workflow_artifacts where value_md5 = md5('/lustre/orion/proj123/datasets/set-1398/train.npz')::uuid;
create temp table camp_ids as select workflow_id from workflows where campaign_id = '0b2a754e-20f5-8d19-e03d-cf6f362b0186' order by sort_time desc limit 100;
select 'art', sum(octet_length(doc::text)) from workflows where workflow_id in (select workflow_id from art_ids);
select 'camp', sum(octet_length(doc::text)) from workflows where workflow_id in (select workflow_id from camp_ids);
select 'art', sum(octet_length(doc::text)) from workflows where workflow_id in (select workflow_id from art_ids);
select 'camp', sum(octet_length(doc::text)) from workflows where workflow_id in (select workflow_id from camp_ids);
select 'art-raw', sum(pg_column_size(doc)) from workflows where workflow_id in (select workflow_id from art_ids);
select 'camp-raw', sum(pg_column_size(doc)) from workflows where workflow_id in (select workflow_id from camp_ids);
select 'art-len', sum(octet_length(doc::text)) from workflows where workflow_id in (select workflow_id from art_ids);
select 'camp-len', sum(octet_length(doc::text)) from workflows where workflow_id in (select workflow_id from camp_ids);
