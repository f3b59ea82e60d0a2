/**
 * Event sources whose IAM service prefix differs from the host name. Derived from iann0036/iam-dataset
 * (`aws/map.json`, section `cloudtrail_service_mappings`, MIT licence, © Ian Mckay), keeping only the entries
 * where the prefix is not the host name; every other `X.amazonaws.com` maps to prefix `X`.
 */
export const EVENT_SOURCE_PREFIX_EXCEPTIONS: Readonly<Record<string, string>> = {
  'agreement-marketplace.amazonaws.com': 'aws-marketplace',
  'amazonmq.amazonaws.com': 'mq',
  'application-insights.amazonaws.com': 'applicationinsights',
  'billingconsole.amazonaws.com': 'billing',
  'chime-sdk-media-pipelines.amazonaws.com': 'chime',
  'chime-sdk-voice.amazonaws.com': 'chime',
  'cloudcontrolapi.amazonaws.com': 'cloudformation',
  'contact-lens.amazonaws.com': 'connect',
  'discovery-marketplace.amazonaws.com': 'aws-marketplace',
  'management-marketplace.amazonaws.com': 'aws-marketplace-management',
  'marketplacecatalog.amazonaws.com': 'aws-marketplace',
  'migrationhub.amazonaws.com': 'mgh',
  'monitoring.amazonaws.com': 'cloudwatch',
  'opensearchservice.amazonaws.com': 'es',
  'participant-connect.amazonaws.com': 'connect',
  'pinpoint.amazonaws.com': 'mobiletargeting',
  'pricelist.amazonaws.com': 'pricing',
  'qconnect.amazonaws.com': 'wisdom',
  'rdsdata.amazonaws.com': 'rds-data',
  'reporting-marketplace.amazonaws.com': 'aws-marketplace',
  'servicecatalog-appregistry.amazonaws.com': 'servicecatalog',
  'tagging.amazonaws.com': 'tag',
  'taxconsole.amazonaws.com': 'tax',
  'transcribestreaming.amazonaws.com': 'transcribe',
};

/** The IAM service prefix of an event source (`monitoring.amazonaws.com` → `cloudwatch`), or null. */
export function servicePrefixOf(eventSource: string): string | null {
  // Own keys only: an event source such as `constructor` must not reach Object.prototype.
  if (Object.hasOwn(EVENT_SOURCE_PREFIX_EXCEPTIONS, eventSource)) {
    return EVENT_SOURCE_PREFIX_EXCEPTIONS[eventSource] ?? null;
  }
  const m = /^([a-z0-9-]+)\.amazonaws\.com$/.exec(eventSource);
  return m === null ? null : (m[1] ?? null);
}
