import { z } from 'zod';

/** Thresholds and trust settings; every field has the RULES.md default. Loaded from `iamrisk.config.json`. */
export const configSchema = z
  .object({
    thresholds: z
      .object({
        /** inactive-admin, inactive-user, inactive-role. */
        inactiveDays: z.number().int().positive().default(90),
        /** old-access-key. */
        accessKeyMaxAgeDays: z.number().int().positive().default(90),
        /** unused-access-key, unused-password. */
        unusedCredentialDays: z.number().int().positive().default(45),
        /** permissions-gap: share of granted observable actions unused in the window, in percent. */
        permissionsGapPercent: z.number().min(0).max(100).default(40),
      })
      .strict()
      .default({ inactiveDays: 90, accessKeyMaxAgeDays: 90, unusedCredentialDays: 45, permissionsGapPercent: 40 }),
    /** 12-digit account ids trusted for cross-account trust (partners, security tooling). */
    trustedAccounts: z.array(z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits')).default([]),
    /** Rule ids not to run. */
    disabledRules: z.array(z.string()).default([]),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** The configuration with every default. */
export function defaultConfig(): Config {
  return configSchema.parse({});
}
