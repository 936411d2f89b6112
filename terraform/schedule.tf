# Scheduled retention cleanup. The target input is an API Gateway HTTP API (v2) event for the
# internal route POST /internal/cleanup, read from the very file the cleanup tests post, so the two
# cannot drift (checked by deploy/TerraformConfigTest). The event has neither requestContext.apiId
# nor http.sourceIp: the application serves internal routes only to such raw invocations.

resource "aws_sqs_queue" "cleanup_dlq" {
  name                      = "${local.name}-cleanup-dlq"
  message_retention_seconds = 1209600 # 14 days, the SQS maximum: time to look at a failure
  sqs_managed_sse_enabled   = true
}

resource "aws_scheduler_schedule" "cleanup" {
  name                         = "${local.name}-cleanup"
  description                  = "workflow-ingest retention cleanup (ingest.retention.days = ${var.retention_days})"
  schedule_expression          = var.cleanup_schedule_expression
  schedule_expression_timezone = var.cleanup_schedule_timezone
  state                        = "ENABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_function.this.arn
    role_arn = aws_iam_role.scheduler.arn
    input    = file("${path.module}/events/scheduled-cleanup.json")

    # Retries when Lambda does not accept the invocation (throttled, unavailable); what it could
    # not deliver lands in the dead-letter queue, which raises an alarm.
    retry_policy {
      maximum_retry_attempts       = var.cleanup_retry_attempts
      maximum_event_age_in_seconds = var.cleanup_max_event_age_seconds
    }

    dead_letter_config {
      arn = aws_sqs_queue.cleanup_dlq.arn
    }
  }

  depends_on = [aws_iam_role_policy.scheduler]
}
