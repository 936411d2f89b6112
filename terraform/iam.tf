# Least-privilege roles: the function, RDS Proxy and EventBridge Scheduler. Every statement names
# the ARNs it needs; the few "*" resources are those AWS requires, each commented where it stands.

locals {
  arn_prefix = "arn:${local.partition}"

  # rds-db:connect for the function's database user, through this proxy only (not the instance).
  proxy_db_user_arn = "${local.arn_prefix}:rds-db:${var.region}:${local.account_id}:dbuser:${local.proxy_resource_id}/${var.db_username}"
}

# ---- The function ----------------------------------------------------------------------

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  name               = "${local.name}-function"
  description        = "workflow-ingest Lambda function"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "function" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function.arn}:log-stream:*"]
  }

  statement {
    sid       = "ConnectToProxyAsDbUser"
    actions   = ["rds-db:connect"]
    resources = [local.proxy_db_user_arn]
  }

  # Lambda creates the function's network interfaces with this role: only in its own subnets,
  # with its own security group. (DescribeNetworkInterfaces below must be allowed on "*".)
  statement {
    sid     = "VpcNetworkInterfaces"
    actions = ["ec2:CreateNetworkInterface"]
    resources = concat(
      ["${local.arn_prefix}:ec2:${var.region}:${local.account_id}:network-interface/*"],
      [for id in local.subnet_ids : "${local.arn_prefix}:ec2:${var.region}:${local.account_id}:subnet/${id}"],
      [aws_security_group.function.arn],
    )
  }

  statement {
    sid       = "ManageOwnVpcNetworkInterfaces"
    actions   = ["ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"]
    resources = ["${local.arn_prefix}:ec2:${var.region}:${local.account_id}:network-interface/*"]
  }

  statement {
    sid     = "DescribeVpcNetworkInterfaces"
    actions = ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"]
    resources = ["*"] # AWS requires "*": EC2 Describe* actions support no resource-level permissions
  }

  statement {
    sid       = "DeadLetterFailedAsyncInvocations"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.cleanup_dlq.arn]
  }
}

resource "aws_iam_role_policy" "function" {
  name   = "${local.name}-function"
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.function.json
}

# ---- RDS Proxy: reads the master user secret ------------------------------------------------

data "aws_iam_policy_document" "proxy_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "proxy" {
  name               = "${local.name}-rds-proxy"
  description        = "RDS Proxy of workflow-ingest: reads the database master user secret"
  assume_role_policy = data.aws_iam_policy_document.proxy_assume.json
}

data "aws_iam_policy_document" "proxy" {
  statement {
    sid       = "ReadMasterUserSecret"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [local.db_master_secret_arn]
  }

  # With the AWS-managed aws/secretsmanager key the key policy already allows this; a
  # customer-managed key must let the proxy decrypt the secret, through Secrets Manager only.
  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      sid       = "DecryptMasterUserSecret"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${var.region}.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "proxy" {
  name   = "${local.name}-rds-proxy"
  role   = aws_iam_role.proxy.id
  policy = data.aws_iam_policy_document.proxy.json
}

# ---- EventBridge Scheduler: may invoke only this function ----------------------------------

data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${local.name}-scheduler"
  description        = "EventBridge Scheduler: invokes the workflow-ingest cleanup"
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeThisFunctionOnly"
    actions   = ["lambda:InvokeFunction"]
    resources = [aws_lambda_function.this.arn]
  }

  statement {
    sid       = "DeadLetterUndeliveredCleanups"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.cleanup_dlq.arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "${local.name}-scheduler"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}
