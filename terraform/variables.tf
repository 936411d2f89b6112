# ---- General ---------------------------------------------------------------------

variable "name" {
  description = "Name of this deployment: prefixes every resource (function, API, database, proxy, roles, log groups)."
  type        = string
  default     = "workflow-ingest"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name))
    error_message = "name must be 3-32 characters: lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "region" {
  description = "AWS region to deploy into, e.g. eu-west-1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region code such as eu-west-1 or us-east-1."
  }
}

variable "tags" {
  description = "Tags added to every resource (through the provider's default_tags)."
  type        = map(string)
  default     = {}
}

# ---- Function --------------------------------------------------------------------

variable "function_zip_path" {
  description = "Path of the native Lambda package built by ./mvnw package -Dnative (target/function.zip), relative to this folder or absolute."
  type        = string
  default     = "../target/function.zip"

  validation {
    condition     = endswith(var.function_zip_path, ".zip")
    error_message = "function_zip_path must name a .zip file (target/function.zip)."
  }
}

variable "architecture" {
  description = "Instruction set of the native executable in function.zip: x86_64, or arm64 when it was built on or for aarch64."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "memory_size" {
  description = "Memory of the function in MB (CPU grows with it)."
  type        = number
  default     = 512

  validation {
    condition     = var.memory_size >= 256 && var.memory_size <= 10240
    error_message = "memory_size must be between 256 and 10240 MB."
  }
}

variable "timeout_seconds" {
  description = "Function timeout in seconds. The scheduled cleanup runs for this minus 30 s, so at least 90; API Gateway still ends HTTP requests at 30 s."
  type        = number
  default     = 120

  validation {
    condition     = var.timeout_seconds >= 90 && var.timeout_seconds <= 900
    error_message = "timeout_seconds must be between 90 and 900."
  }
}

variable "reserved_concurrency" {
  description = "Concurrent executions reserved for (and capping) the function, which bounds the connections RDS Proxy sees; -1 leaves it unreserved and uncapped."
  type        = number
  default     = 50

  validation {
    condition     = var.reserved_concurrency == -1 || var.reserved_concurrency >= 1
    error_message = "reserved_concurrency must be -1 (unreserved) or at least 1."
  }
}

variable "retention_days" {
  description = "Scheduled cleanup cutoff in days (INGEST_RETENTION_DAYS): records not updated for longer are deleted; 0 disables the cleanup."
  type        = number
  default     = 365

  validation {
    condition     = var.retention_days >= 0 && floor(var.retention_days) == var.retention_days
    error_message = "retention_days must be a whole number of days, 0 or more."
  }
}

variable "auth_keys_secret_id" {
  description = "Name or ARN of an existing Secrets Manager secret whose string is the INGEST_AUTH_KEYS value: comma-separated scope:sha256hex entries (hashes of API keys, never the keys). Terraform reads it into the function's environment. Set this or auth_keys."
  type        = string
  default     = null
}

variable "auth_keys" {
  description = "The INGEST_AUTH_KEYS value given directly (comma-separated scope:sha256hex entries) instead of auth_keys_secret_id."
  type        = string
  default     = null
  sensitive   = true

  validation {
    condition     = var.auth_keys == null || can(regex("^(ingest|read|admin):[0-9a-f]{64}(,(ingest|read|admin):[0-9a-f]{64})*$", var.auth_keys))
    error_message = "auth_keys must be comma-separated scope:sha256hex entries, scope ingest, read or admin, hex lower-case."
  }
}

variable "environment" {
  description = "Further environment variables for the function (application settings of API.md \"Configuration\", e.g. INGEST_QUERY_TIMEOUT). The datasource, profile, auth and retention variables are set by this configuration and win."
  type        = map(string)
  default     = {}
}

# ---- Network ---------------------------------------------------------------------

variable "vpc_id" {
  description = "Existing VPC to deploy into. Null creates a small VPC (two private subnets, no internet access: the function needs none)."
  type        = string
  default     = null
}

variable "private_subnet_ids" {
  description = "Private subnets of vpc_id, in at least two availability zones, for the function, the proxy and the database. Required with vpc_id, ignored without."
  type        = list(string)
  default     = []
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC created when vpc_id is null."
  type        = string
  default     = "10.42.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) <= 24
    error_message = "vpc_cidr must be an IPv4 CIDR block of /24 or larger."
  }
}

# ---- Database --------------------------------------------------------------------

variable "db_engine" {
  description = "postgres: RDS for PostgreSQL (one instance). aurora-postgresql: Aurora PostgreSQL Serverless v2."
  type        = string
  default     = "postgres"

  validation {
    condition     = contains(["postgres", "aurora-postgresql"], var.db_engine)
    error_message = "db_engine must be postgres or aurora-postgresql."
  }
}

variable "db_engine_version" {
  description = "Engine version. Null takes PostgreSQL 16: \"16\" (latest minor) for RDS, \"16.6\" for Aurora, which needs a full version."
  type        = string
  default     = null

  validation {
    condition     = var.db_engine_version == null || can(regex("^1[6-9](\\.[0-9]+)?$", var.db_engine_version))
    error_message = "db_engine_version must be PostgreSQL 16 or later, e.g. 16, 16.6 or 17.2."
  }
}

variable "db_instance_class" {
  description = "Instance class for RDS for PostgreSQL (db_engine = postgres)."
  type        = string
  default     = "db.t4g.small"

  validation {
    condition     = startswith(var.db_instance_class, "db.")
    error_message = "db_instance_class must be an RDS instance class such as db.t4g.small."
  }
}

variable "db_allocated_storage" {
  description = "Initial storage in GB (RDS for PostgreSQL); storage autoscaling grows it up to db_max_allocated_storage."
  type        = number
  default     = 20

  validation {
    condition     = var.db_allocated_storage >= 20 && var.db_allocated_storage <= 65536
    error_message = "db_allocated_storage must be between 20 and 65536 GB."
  }
}

variable "db_max_allocated_storage" {
  description = "Storage autoscaling ceiling in GB (RDS for PostgreSQL)."
  type        = number
  default     = 200

  validation {
    condition     = var.db_max_allocated_storage >= 20 && var.db_max_allocated_storage <= 65536
    error_message = "db_max_allocated_storage must be between 20 and 65536 GB."
  }
}

variable "db_multi_az" {
  description = "Run RDS for PostgreSQL with a standby in a second availability zone."
  type        = bool
  default     = false
}

variable "aurora_min_capacity" {
  description = "Aurora Serverless v2 minimum capacity in ACUs (0 lets an idle cluster pause, at the price of a resume delay)."
  type        = number
  default     = 0.5

  validation {
    condition     = var.aurora_min_capacity >= 0 && var.aurora_min_capacity <= 256
    error_message = "aurora_min_capacity must be between 0 and 256 ACUs."
  }
}

variable "aurora_max_capacity" {
  description = "Aurora Serverless v2 maximum capacity in ACUs."
  type        = number
  default     = 4

  validation {
    condition     = var.aurora_max_capacity >= 1 && var.aurora_max_capacity <= 256
    error_message = "aurora_max_capacity must be between 1 and 256 ACUs."
  }
}

variable "db_name" {
  description = "Name of the database the function uses."
  type        = string
  default     = "workflow_ingest"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.db_name))
    error_message = "db_name must be a lower-case PostgreSQL identifier."
  }
}

variable "db_username" {
  description = "Master user of the database; RDS keeps its password in Secrets Manager (manage_master_user_password), RDS Proxy logs in with that secret and the function connects to the proxy as this user with IAM tokens."
  type        = string
  default     = "workflow_ingest"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.db_username)) && !contains(["postgres", "admin", "rdsadmin"], var.db_username)
    error_message = "db_username must be a lower-case PostgreSQL identifier other than postgres, admin or rdsadmin."
  }
}

variable "db_statement_timeout_ms" {
  description = "statement_timeout in milliseconds: set on the service's role by the migration step (with idle_in_transaction_session_timeout) and in the parameter group for other roles; never per session (session settings pin RDS Proxy connections). 0 disables it."
  type        = number
  default     = 20000

  validation {
    condition     = var.db_statement_timeout_ms >= 0
    error_message = "db_statement_timeout_ms must be 0 or more."
  }
}

variable "db_backup_retention_days" {
  description = "Days of automated backups (point-in-time recovery) to keep; 0 turns backups off (RDS for PostgreSQL only; Aurora needs at least 1)."
  type        = number
  default     = 7

  validation {
    condition     = var.db_backup_retention_days >= 0 && var.db_backup_retention_days <= 35
    error_message = "db_backup_retention_days must be between 0 and 35."
  }
}

variable "db_deletion_protection" {
  description = "Refuse to delete the database (terraform destroy fails until this is false and applied)."
  type        = bool
  default     = true
}

variable "db_skip_final_snapshot" {
  description = "Delete the database without a final snapshot. Keep false for anything holding real records."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for the database storage and its master user secret. Null uses the AWS-managed keys (aws/rds, aws/secretsmanager)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "proxy_max_connections_percent" {
  description = "Share of the database's max_connections RDS Proxy may open."
  type        = number
  default     = 90

  validation {
    condition     = var.proxy_max_connections_percent >= 1 && var.proxy_max_connections_percent <= 100
    error_message = "proxy_max_connections_percent must be between 1 and 100."
  }
}

variable "proxy_idle_client_timeout_seconds" {
  description = "Seconds a client connection to RDS Proxy may stay idle before the proxy closes it (frozen Lambda environments hold connections)."
  type        = number
  default     = 900

  validation {
    condition     = var.proxy_idle_client_timeout_seconds >= 1 && var.proxy_idle_client_timeout_seconds <= 28800
    error_message = "proxy_idle_client_timeout_seconds must be between 1 and 28800."
  }
}

variable "run_migrations" {
  description = "Invoke the function's internal migration route once per deploy (new function code or changed migration event). Turn off only to run migrations some other way."
  type        = bool
  default     = true
}

# ---- API -------------------------------------------------------------------------

variable "api_throttling_rate_limit" {
  description = "Steady-state requests per second the HTTP API accepts (stage default route throttling); more are answered 429."
  type        = number
  default     = 50

  validation {
    condition     = var.api_throttling_rate_limit > 0
    error_message = "api_throttling_rate_limit must be positive."
  }
}

variable "api_throttling_burst_limit" {
  description = "Burst of requests the HTTP API accepts above the rate limit."
  type        = number
  default     = 100

  validation {
    condition     = var.api_throttling_burst_limit >= 1 && floor(var.api_throttling_burst_limit) == var.api_throttling_burst_limit
    error_message = "api_throttling_burst_limit must be a whole number, at least 1."
  }
}

# ---- Scheduled cleanup -----------------------------------------------------------

variable "cleanup_schedule_expression" {
  description = "EventBridge Scheduler expression for the retention cleanup: rate(...), cron(...) or at(...)."
  type        = string
  default     = "rate(1 day)"

  validation {
    condition     = can(regex("^(rate|cron|at)\\(.+\\)$", var.cleanup_schedule_expression))
    error_message = "cleanup_schedule_expression must be rate(...), cron(...) or at(...)."
  }
}

variable "cleanup_schedule_timezone" {
  description = "Time zone of a cron(...) cleanup schedule (IANA name)."
  type        = string
  default     = "UTC"
}

variable "cleanup_retry_attempts" {
  description = "Times EventBridge Scheduler retries a cleanup invocation that Lambda did not accept, before it goes to the dead-letter queue."
  type        = number
  default     = 3

  validation {
    condition     = var.cleanup_retry_attempts >= 0 && var.cleanup_retry_attempts <= 185
    error_message = "cleanup_retry_attempts must be between 0 and 185."
  }
}

variable "cleanup_max_event_age_seconds" {
  description = "How long EventBridge Scheduler keeps retrying one cleanup invocation, in seconds."
  type        = number
  default     = 3600

  validation {
    condition     = var.cleanup_max_event_age_seconds >= 60 && var.cleanup_max_event_age_seconds <= 86400
    error_message = "cleanup_max_event_age_seconds must be between 60 and 86400."
  }
}

# ---- Observability ---------------------------------------------------------------

variable "log_retention_days" {
  description = "Days CloudWatch keeps the function's and the API's logs."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)."
  }
}

variable "alarm_topic_arn" {
  description = "SNS topic that receives the alarms (cleanup failed, function errors and throttles, API 5xx, dead-lettered cleanup). Null creates the alarms without notifications."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_topic_arn == null || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:.+$", var.alarm_topic_arn))
    error_message = "alarm_topic_arn must be an SNS topic ARN."
  }
}

variable "api_5xx_alarm_threshold" {
  description = "5xx answers of the API within 5 minutes that raise the alarm."
  type        = number
  default     = 5

  validation {
    condition     = var.api_5xx_alarm_threshold >= 1
    error_message = "api_5xx_alarm_threshold must be at least 1."
  }
}
