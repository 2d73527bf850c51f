// The contract of POST /report-packages (#17 Plan B): the reviewer console and the endpoint.
import * as z from 'zod/mini';
import { LIMITS } from './limits';

export const PackageImportRequestSchema = z.strictObject({
  manifest: z.string().check(z.maxLength(LIMITS.reportMaxBytes * 2 + 64 * 1024)),
  photos: z.array(z.strictObject({
    name: z.string().check(z.minLength(1), z.maxLength(200)),
    /** the file's bytes, base64 */
    data: z.string().check(z.maxLength(Math.ceil(LIMITS.photoMaxBytes / 3) * 4), z.regex(/^[A-Za-z0-9+/]*={0,2}$/)),
  })).check(z.maxLength(LIMITS.actionsPerReport * LIMITS.photosPerAction)),
});
export type PackageImportRequest = z.infer<typeof PackageImportRequestSchema>;

export const PackageImportResponseSchema = z.object({
  id: z.string(),
  revision: z.number(),
  protocol: z.string(),
  receivedAt: z.string(),
  status: z.string(),
  municipalityCode: z.string(),
  period: z.string(),
  /** false when this package (or the phone itself) had already delivered this revision */
  created: z.boolean(),
});
export type PackageImportResponse = z.infer<typeof PackageImportResponseSchema>;
