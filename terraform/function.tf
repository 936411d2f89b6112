# The native function: provided.al2023 runtime, the bootstrap executable of target/function.zip.

data "aws_secretsmanager_secret_version" "auth_keys" {
  count = var.auth_keys_secret_id == null ? 0 : 1

  secret_id = var.auth_keys_secret_id
}

locals {
  # INGEST_AUTH_KEYS: SHA-256 hashes of the API keys (scope:hex,...), never the keys themselves.
  # Read by Terraform so the function needs no Secrets Manager access and no call at cold start.
  auth_keys = (var.auth_keys != null
    ? var.auth_keys
  : trimspace(join("", data.aws_secretsmanager_secret_version.auth_keys[*].secret_string)))

  # Both datasources reach the database through RDS Proxy only; the IAM token the function
  # presents is signed for this host and port (platform/RdsIamCredentialsProvider).
  proxy_endpoint = aws_db_proxy.this.endpoint
}

resource "aws_lambda_function" "this" {
  function_name = local.name
  description   = "workflow-ingest: Flowcept workflow records into PostgreSQL"
  role          = aws_iam_role.function.arn

  runtime          = "provided.al2023"
  handler          = "bootstrap"
  architectures    = [var.architecture]
  filename         = var.function_zip_path
  source_code_hash = filebase64sha256(var.function_zip_path)

  memory_size                    = var.memory_size
  timeout                        = var.timeout_seconds
  reserved_concurrent_executions = var.reserved_concurrency

  vpc_config {
    subnet_ids         = local.subnet_ids
    security_group_ids = [aws_security_group.function.id]
  }

  environment {
    variables = merge(var.environment, {
      # prod settings plus the aws profile of application.properties (IAM auth, TLS verify-full).
      QUARKUS_PROFILE                 = "prod,aws"
      QUARKUS_DATASOURCE_REACTIVE_URL = "postgresql://${local.proxy_endpoint}:5432/${var.db_name}"
      QUARKUS_DATASOURCE_JDBC_URL     = "jdbc:postgresql://${local.proxy_endpoint}:5432/${var.db_name}"
      QUARKUS_DATASOURCE_USERNAME     = var.db_username
      INGEST_AUTH_KEYS                = local.auth_keys
      INGEST_RETENTION_DAYS           = tostring(var.retention_days)

      # Set on the service's role by the migration step (per role: a session SET would pin proxy connections).
      INGEST_DATABASE_ROLE_STATEMENT_TIMEOUT = "${var.db_statement_timeout_ms}ms"

      # Native Quarkus on Lambda: let the runtime, not the executable, handle signals.
      DISABLE_SIGNAL_HANDLERS = "true"
    })
  }

  # The application writes its own JSON lines (quarkus-logging-json); Text keeps them as they are,
  # so the cleanup metric filter reads their fields directly.
  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function.name
  }

  lifecycle {
    precondition {
      condition     = (var.auth_keys == null) != (var.auth_keys_secret_id == null)
      error_message = "Set exactly one of auth_keys_secret_id (a Secrets Manager secret holding scope:sha256hex entries) and auth_keys."
    }
  }

  depends_on = [
    aws_iam_role_policy.function,
    aws_cloudwatch_log_group.function,
  ]
}

# Asynchronous invocations come from the cleanup schedule only. lambda-http answers a failed
# cleanup inside a successful invocation, so these retries cover crashes and timeouts; the log
# line's outcome covers the rest (observability.tf).
resource "aws_lambda_function_event_invoke_config" "this" {
  function_name                = aws_lambda_function.this.function_name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = var.cleanup_max_event_age_seconds

  destination_config {
    on_failure {
      destination = aws_sqs_queue.cleanup_dlq.arn
    }
  }
}
