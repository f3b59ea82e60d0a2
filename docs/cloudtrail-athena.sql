-- iamrisk: CloudTrail usage aggregation for Amazon Athena (engine v3) or Trino.
-- Part 1 creates the standard CloudTrail table over the S3 delivery layout, with partition projection
-- (no crawler, no MSCK REPAIR). Part 2 is the GROUP BY whose CSV result `iamrisk usage import FILE` loads.
-- Replace: BUCKET, ORG_OR_ACCOUNT_PREFIX (e.g. AWSLogs/o-abc123 for an organization trail, AWSLogs for an
-- account trail), the account and region lists, and the start date.

-- Part 1 ------------------------------------------------------------------------------------------------
CREATE EXTERNAL TABLE IF NOT EXISTS cloudtrail_logs (
  eventversion STRING,
  useridentity STRUCT<
    type: STRING,
    principalid: STRING,
    arn: STRING,
    accountid: STRING,
    invokedby: STRING,
    accesskeyid: STRING,
    username: STRING,
    onbehalfof: STRUCT<userid: STRING, identitystorearn: STRING>,
    sessioncontext: STRUCT<
      attributes: STRUCT<mfaauthenticated: STRING, creationdate: STRING>,
      sessionissuer: STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, username: STRING>,
      ec2roledelivery: STRING,
      webidfederationdata: STRUCT<federatedprovider: STRING, attributes: MAP<STRING, STRING>>
    >
  >,
  eventtime STRING,
  eventsource STRING,
  eventname STRING,
  awsregion STRING,
  sourceipaddress STRING,
  useragent STRING,
  errorcode STRING,
  errormessage STRING,
  requestparameters STRING,
  responseelements STRING,
  additionaleventdata STRING,
  requestid STRING,
  eventid STRING,
  readonly STRING,
  resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>,
  eventtype STRING,
  apiversion STRING,
  recipientaccountid STRING,
  serviceeventdetails STRING,
  sharedeventid STRING,
  vpcendpointid STRING,
  eventcategory STRING,
  tlsdetails STRUCT<tlsversion: STRING, ciphersuite: STRING, clientprovidedhostheader: STRING>
)
PARTITIONED BY (account STRING, region STRING, `timestamp` STRING)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION 's3://BUCKET/ORG_OR_ACCOUNT_PREFIX/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.account.type' = 'enum',
  'projection.account.values' = '111111111111,222222222222',
  'projection.region.type' = 'enum',
  'projection.region.values' = 'us-east-1,us-west-2,eu-west-1',
  'projection.timestamp.type' = 'date',
  'projection.timestamp.format' = 'yyyy/MM/dd',
  'projection.timestamp.interval' = '1',
  'projection.timestamp.interval.unit' = 'DAYS',
  'projection.timestamp.range' = '2024/01/01,NOW',
  'storage.location.template' = 's3://BUCKET/ORG_OR_ACCOUNT_PREFIX/${account}/CloudTrail/${region}/${timestamp}'
);

-- Part 2 ------------------------------------------------------------------------------------------------
-- One row per (identity, event source, event name, UTC day of eventTime): the per-day aggregate iamrisk
-- keeps. The `timestamp` partition is the delivery date, so the scan reads one day more than the window and
-- the window itself is applied on eventtime. Change both dates together.
WITH api_calls AS (
  SELECT
    eventid,
    -- Assumed-role sessions count for their role, federated sessions for their user (PRODUCT.md §3).
    arbitrary(CASE
      WHEN useridentity.type IN ('AssumedRole', 'FederatedUser') THEN useridentity.sessioncontext.sessionissuer.arn
      WHEN useridentity.type IN ('IAMUser', 'Root') THEN useridentity.arn
    END) AS principal_arn,
    arbitrary(eventsource) AS event_source,
    arbitrary(eventname) AS event_name,
    arbitrary(from_iso8601_timestamp(eventtime)) AS event_time,
    arbitrary(CASE
      WHEN errorcode IS NULL OR errorcode = '' THEN 'used'
      WHEN regexp_replace(errorcode, '^Client\.', '') IN (
        'AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess',
        'UnauthorizedException', 'AuthorizationError', 'AuthorizationErrorException', 'NotAuthorized',
        'NotAuthorizedException', 'Forbidden', 'ForbiddenException') THEN 'denied'
      ELSE 'error'
    END) AS outcome
  FROM cloudtrail_logs
  WHERE "timestamp" >= '2025/05/16'                       -- delivery is on or after the event's day
    AND from_iso8601_timestamp(eventtime) >= TIMESTAMP '2025-05-16 00:00:00 UTC'
    AND coalesce(eventtype, 'AwsApiCall') = 'AwsApiCall'  -- API calls only: no console sign-ins, no Insights
  GROUP BY eventid                                        -- de-duplicate (organization + account trails)
)
SELECT
  principal_arn,
  event_source,
  event_name,
  date_format(event_time AT TIME ZONE 'UTC', '%Y-%m-%d') AS day,
  count_if(outcome = 'used') AS used,
  count_if(outcome = 'denied') AS denied,
  count_if(outcome = 'error') AS errors,
  min(event_time) AS first_seen,
  max(event_time) AS last_seen,
  max(CASE WHEN outcome <> 'denied' THEN event_time END) AS last_used,
  max(CASE WHEN outcome = 'denied' THEN event_time END) AS last_denied
FROM api_calls
WHERE principal_arn IS NOT NULL
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4;
