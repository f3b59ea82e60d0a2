const CONSOLE_DOMAINS = ['console.aws.amazon.com', 'console.amazonaws-us-gov.com', 'console.amazonaws.cn'];

/**
 * The "Fix in AWS" link when it is an https URL on an AWS console host (`console.aws.amazon.com` or a
 * regional `*.console.aws.amazon.com`, and the GovCloud and China consoles), else null: a detection's URL is
 * data, and only these hosts may become a link.
 */
export function safeConsoleUrl(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return null;
  const host = url.hostname.toLowerCase();
  return CONSOLE_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`)) ? url.href : null;
}
