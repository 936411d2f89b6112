# PostgreSQL (RDS for PostgreSQL 16 by default, Aurora Serverless v2 as an option) behind RDS Proxy.
#
# Credentials: RDS generates the master password and keeps it in a Secrets Manager secret it
# rotates itself (manage_master_user_password). RDS Proxy logs in to the database with that secret;
# the function logs in to the proxy as the same user with short-lived IAM tokens (iam_auth =
# REQUIRED), so it never holds a password and a rotation never breaks it.

locals {
  aurora         = var.db_engine == "aurora-postgresql"
  engine_version = coalesce(var.db_engine_version, local.aurora ? "16.6" : "16")
  engine_major   = split(".", local.engine_version)[0]

  db_master_secret_arn = (local.aurora
    ? aws_rds_cluster.aurora[0].master_user_secret[0].secret_arn
  : aws_db_instance.postgres[0].master_user_secret[0].secret_arn)

  # The proxy's resource id (prx-...), the last field of its ARN: IAM auth grants name it.
  proxy_resource_id = element(split(":", aws_db_proxy.this.arn), 6)
}

resource "aws_db_subnet_group" "this" {
  name       = local.name
  subnet_ids = local.subnet_ids
}

# ---- statement_timeout ---------------------------------------------------------------
# Set on the server, never per session: a session SET would pin every proxied connection. The
# application's own query timeout (ingest.query.timeout, 5 s) stays the first line; this one stops
# anything that escapes it. See README.md "Statement timeouts" for a per-role setting.

resource "aws_db_parameter_group" "postgres" {
  count = local.aurora ? 0 : 1

  name_prefix = "${local.name}-pg${local.engine_major}-"
  family      = "postgres${local.engine_major}"
  description = "workflow-ingest PostgreSQL ${local.engine_major}"

  parameter {
    name  = "statement_timeout"
    value = tostring(var.db_statement_timeout_ms)
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_rds_cluster_parameter_group" "aurora" {
  count = local.aurora ? 1 : 0

  name_prefix = "${local.name}-aurora-pg${local.engine_major}-"
  family      = "aurora-postgresql${local.engine_major}"
  description = "workflow-ingest Aurora PostgreSQL ${local.engine_major}"

  parameter {
    name  = "statement_timeout"
    value = tostring(var.db_statement_timeout_ms)
  }

  lifecycle {
    create_before_destroy = true
  }
}

# ---- RDS for PostgreSQL (db_engine = "postgres") ---------------------------------------

resource "aws_db_instance" "postgres" {
  count = local.aurora ? 0 : 1

  identifier     = local.name
  engine         = "postgres"
  engine_version = local.engine_version
  instance_class = var.db_instance_class

  allocated_storage     = var.db_allocated_storage
  max_allocated_storage = var.db_max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  db_name                       = var.db_name
  username                      = var.db_username
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.kms_key_arn

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.database.id]
  publicly_accessible    = false
  multi_az               = var.db_multi_az
  parameter_group_name   = aws_db_parameter_group.postgres[0].name

  backup_retention_period    = var.db_backup_retention_days
  deletion_protection        = var.db_deletion_protection
  skip_final_snapshot        = var.db_skip_final_snapshot
  final_snapshot_identifier  = "${local.name}-final"
  copy_tags_to_snapshot      = true
  auto_minor_version_upgrade = true
  apply_immediately          = false
}

# ---- Aurora PostgreSQL Serverless v2 (db_engine = "aurora-postgresql") -----------------

resource "aws_rds_cluster" "aurora" {
  count = local.aurora ? 1 : 0

  cluster_identifier = local.name
  engine             = "aurora-postgresql"
  engine_mode        = "provisioned"
  engine_version     = local.engine_version

  database_name                 = var.db_name
  master_username               = var.db_username
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.kms_key_arn

  storage_encrypted = true
  kms_key_id        = var.kms_key_arn

  db_subnet_group_name            = aws_db_subnet_group.this.name
  vpc_security_group_ids          = [aws_security_group.database.id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.aurora[0].name

  serverlessv2_scaling_configuration {
    min_capacity = var.aurora_min_capacity
    max_capacity = var.aurora_max_capacity
  }

  backup_retention_period   = max(var.db_backup_retention_days, 1)
  deletion_protection       = var.db_deletion_protection
  skip_final_snapshot       = var.db_skip_final_snapshot
  final_snapshot_identifier = "${local.name}-final"
  copy_tags_to_snapshot     = true
}

resource "aws_rds_cluster_instance" "aurora" {
  count = local.aurora ? 1 : 0

  identifier          = "${local.name}-1"
  cluster_identifier  = aws_rds_cluster.aurora[0].id
  engine              = aws_rds_cluster.aurora[0].engine
  engine_version      = aws_rds_cluster.aurora[0].engine_version
  instance_class      = "db.serverless"
  publicly_accessible = false
}

# ---- RDS Proxy -------------------------------------------------------------------------

resource "aws_db_proxy" "this" {
  name                   = local.name
  engine_family          = "POSTGRESQL"
  role_arn               = aws_iam_role.proxy.arn
  vpc_subnet_ids         = local.subnet_ids
  vpc_security_group_ids = [aws_security_group.proxy.id]
  require_tls            = true
  idle_client_timeout    = var.proxy_idle_client_timeout_seconds
  debug_logging          = false

  auth {
    description = "master user secret managed by RDS; clients must log in with IAM tokens"
    auth_scheme = "SECRETS"
    iam_auth    = "REQUIRED"
    secret_arn  = local.db_master_secret_arn
  }

  depends_on = [aws_iam_role_policy.proxy]
}

resource "aws_db_proxy_default_target_group" "this" {
  db_proxy_name = aws_db_proxy.this.name

  connection_pool_config {
    max_connections_percent      = var.proxy_max_connections_percent
    max_idle_connections_percent = floor(var.proxy_max_connections_percent / 2)
    connection_borrow_timeout    = 20
  }
}

resource "aws_db_proxy_target" "this" {
  db_proxy_name          = aws_db_proxy.this.name
  target_group_name      = aws_db_proxy_default_target_group.this.name
  db_instance_identifier = local.aurora ? null : aws_db_instance.postgres[0].identifier
  db_cluster_identifier  = local.aurora ? aws_rds_cluster.aurora[0].cluster_identifier : null

  depends_on = [aws_rds_cluster_instance.aurora]
}
