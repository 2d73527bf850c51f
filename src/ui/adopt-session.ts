import type { MobilizaDb } from '../db/database';
import { saveSession } from '../db/session';
import { getProfile } from '../db/settings';
import type { LoginResponse } from '../domain/api';
import { findMunicipality } from '../domain/municipality';
import type { ProfileSetting } from '../domain/outbox';
import { requestDelivery } from '../sync/request-delivery';

/**
 * Keeps a sign-in answer (password or access code) on this phone: the session, and a profile for
 * its account (the same person keeps their role, phone and e-mail), then starts a delivery.
 */
export async function adoptSession(db: MobilizaDb, answer: LoginResponse): Promise<void> {
  const previous = await getProfile(db);
  const m = answer.user.municipalityCode ? findMunicipality(answer.user.municipalityCode) : undefined;
  const samePerson = previous?.accountId === answer.user.id || !previous?.accountId;
  const profile: ProfileSetting = {
    accountId: answer.user.id,
    municipalityCode: m?.code ?? '',
    municipalityName: m?.name ?? '',
    regional: m?.regional ?? answer.user.regional ?? '',
    name: answer.user.name,
    role: samePerson ? previous?.role ?? '' : '',
    phone: samePerson ? previous?.phone ?? '' : '',
    email: samePerson ? previous?.email ?? '' : '',
  };
  await saveSession(db, { token: answer.token, expiresAt: answer.expiresAt, user: answer.user, device: answer.device }, profile);
  void requestDelivery('sign-in');
}

/** A name for this device on the account's device list ("Moto G", "iPhone", "Navegador"). */
export function deviceName(): string {
  const ua = navigator.userAgent;
  const android = /Android [\d.]+; ([^;)]+)/.exec(ua)?.[1];
  return (android ?? (/iPhone|iPad/.exec(ua)?.[0] || 'Navegador')).slice(0, 100);
}
