import { LIMITS } from '../src/domain/limits.ts';

/** Every limit the endpoint enforces, in one place. Tests pass smaller or faster values. */
export interface ServerLimits {
  /** Default body limit for JSON routes without a limit of their own (bytes). */
  defaultBodyBytes: number;
  /** Login request body (bytes). */
  loginBodyBytes: number;
  /** Report submission body (bytes). */
  reportBodyBytes: number;
  /** One photo upload (bytes). */
  photoMaxBytes: number;
  /** Review body (bytes). */
  reviewBodyBytes: number;
  /** Device token lifetime (days). */
  sessionDays: number;
  /** Login attempts per client address in one window. */
  loginMaxPerAddress: number;
  /** Failed login attempts per login name in one window. */
  loginMaxFailuresPerLogin: number;
  loginWindowMs: number;
  /** scrypt cost (N = 2^log2N) for new password hashes; verification reads it from the hash. */
  scryptLog2N: number;
  /** Lifetime of a single-use access code (hours; env ACCESS_CODE_HOURS). */
  accessCodeHours: number;
  /** Failed access-code redemptions/checks per client address in one loginWindowMs. */
  accessCodeMaxFailuresPerAddress: number;
  /** Bulk import body (bytes): 2,000 rows of a few hundred characters. */
  importBodyBytes: number;
  /** Public partner sign-ups (#16) per client address in one partnerSignupWindowMs. */
  partnerSignupMaxPerAddress: number;
  partnerSignupWindowMs: number;
  /** Public partner sign-up form body (bytes). */
  partnerSignupBodyBytes: number;
  /** A Plan B report package (#17): the manifest and the photos, base64, in one JSON body (bytes). */
  packageBodyBytes: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  defaultBodyBytes: 64 * 1024,
  loginBodyBytes: 4 * 1024,
  reportBodyBytes: LIMITS.reportMaxBytes,
  photoMaxBytes: LIMITS.photoMaxBytes,
  reviewBodyBytes: 16 * 1024,
  sessionDays: 180,
  loginMaxPerAddress: 30,
  loginMaxFailuresPerLogin: 10,
  loginWindowMs: 15 * 60 * 1000,
  scryptLog2N: 15,
  accessCodeHours: 72,
  accessCodeMaxFailuresPerAddress: 10,
  importBodyBytes: 2 * 1024 * 1024,
  partnerSignupMaxPerAddress: 5,
  partnerSignupWindowMs: 60 * 60 * 1000,
  partnerSignupBodyBytes: 8 * 1024,
  packageBodyBytes: 40 * 1024 * 1024,
};
