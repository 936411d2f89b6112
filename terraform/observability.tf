# Logs with retention, the cleanup outcome as metrics, and alarms to var.alarm_topic_arn.

locals {
  alarm_actions    = var.alarm_topic_arn == null ? [] : [var.alarm_topic_arn]
  metric_namespace = "WorkflowIngest/${local.name}"

  # The scheduled cleanup logs one JSON line per run; its outcome is an MDC field, which
  # Quarkus's JSON log writes under "mdc" (cleanup/CleanupService).
  cleanup_outcomes = {
    complete = "CleanupComplete"
    partial  = "CleanupPartial"
    disabled = "CleanupDisabled"
    failed   = "CleanupFailed"
  }
}

resource "aws_cloudwatch_log_group" "function" {
  name              = "/aws/lambda/${local.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/apigateway/${local.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_metric_filter" "cleanup_outcome" {
  for_each = local.cleanup_outcomes

  name           = "${local.name}-cleanup-${each.key}"
  log_group_name = aws_cloudwatch_log_group.function.name
  pattern        = "{ $.mdc.outcome = \"${each.key}\" }"

  metric_transformation {
    name          = each.value
    namespace     = local.metric_namespace
    value         = "1"
    default_value = "0"
    unit          = "Count"
  }
}

resource "aws_cloudwatch_metric_alarm" "cleanup_failed" {
  alarm_name          = "${local.name}-cleanup-failed"
  alarm_description   = "The scheduled retention cleanup logged outcome=failed. Read the line: CloudWatch Logs Insights on ${aws_cloudwatch_log_group.function.name}, filter mdc.outcome = 'failed'."
  namespace           = local.metric_namespace
  metric_name         = local.cleanup_outcomes["failed"]
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  depends_on = [aws_cloudwatch_log_metric_filter.cleanup_outcome]
}

resource "aws_cloudwatch_metric_alarm" "cleanup_dead_lettered" {
  alarm_name          = "${local.name}-cleanup-dead-lettered"
  alarm_description   = "A cleanup invocation could not be delivered or crashed and landed in ${aws_sqs_queue.cleanup_dlq.name}."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.cleanup_dlq.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "function_errors" {
  alarm_name          = "${local.name}-function-errors"
  alarm_description   = "The function failed invocations (crash, timeout, out of memory); HTTP error answers are not counted here."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.this.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "function_throttles" {
  alarm_name          = "${local.name}-function-throttles"
  alarm_description   = "Invocations were throttled: reserved_concurrency (${var.reserved_concurrency}) or the account limit is reached."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = aws_lambda_function.this.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "api_5xx" {
  alarm_name          = "${local.name}-api-5xx"
  alarm_description   = "The HTTP API answered 5xx (503 from the database being unavailable, 500 bugs, 502/504 from API Gateway itself); see the access log ${aws_cloudwatch_log_group.api.name}."
  namespace           = "AWS/ApiGateway"
  metric_name         = "5xx"
  dimensions          = { ApiId = aws_apigatewayv2_api.this.id, Stage = aws_apigatewayv2_stage.default.name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.api_5xx_alarm_threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}
