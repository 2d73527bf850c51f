// A partner as the phone keeps it (#16). Type only: the service worker stores these rows without
// loading the registry's zod schemas.

export interface PartnerRow {
  id: string;
  /** the account whose phone keeps the row (a shared phone keeps each account's partners apart) */
  ownerId: string;
  /** null: a state-wide partner */
  municipalityCode: string | null;
  name: string;
  /** accent-, case- and space-free name (src/domain/text.ts foldForSearch): search and local dedup */
  nameKey: string;
  kind: string;
  governmental: boolean;
  sector: string;
  phone?: string;
  email?: string;
  social?: string;
  campaigns: boolean;
  /** pending: a public sign-up waiting for the agent's (or the regional's) confirmation */
  status: 'active' | 'pending';
  /** created on this phone and not yet delivered with a report */
  local?: boolean;
}
