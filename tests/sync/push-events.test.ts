import { describe, expect, it } from 'vitest';
import { handlePush, openNotificationTarget, readPushPayload, type WindowLike } from '../../src/sync/push-events';
import { enablePush, keyBytes, type PushEnv } from '../../src/sync/push-subscription';
import { getPushPrefs } from '../../src/db/notification-settings';
import { dueDateText } from '../../src/ui/notifications/deadline-text';
import { freshDb } from '../helpers/fresh-db';

const FALLBACK = { title: 'Mobiliza', body: 'Há novidades.' };
const payload = { kind: 'report_returned', title: 'Relatório de novembro de 2026 devolvido', body: 'Corrigir: fotos', url: '/#/relatorio/abc', tag: 'report:abc', reportId: 'abc' };

describe('service worker push handling', () => {
  it('shows the payload as a notification and pulls the status at the same time; a bad payload still shows something', async () => {
    const shown: { title: string; options?: NotificationOptions }[] = [];
    const reg = { showNotification: async (title: string, options?: NotificationOptions) => void shown.push({ title, options }) };
    let pulled = 0;
    await handlePush(JSON.stringify(payload), reg, async () => { pulled++; }, FALLBACK);
    expect(shown[0]).toMatchObject({ title: payload.title, options: { body: payload.body, tag: payload.tag, data: { url: payload.url, kind: 'report_returned', reportId: 'abc' } } });
    expect(pulled).toBe(1);
    // The pull failing (offline) never loses the notification.
    await handlePush('not json', reg, async () => { throw new TypeError('offline'); }, FALLBACK);
    expect(shown[1].title).toBe('Mobiliza');
    expect(readPushPayload(JSON.stringify({ ...payload, title: 3 }), FALLBACK).title).toBe('Mobiliza');
  });

  it('a tap focuses an open window of the app and navigates it; with none, opens one', async () => {
    const scope = 'https://app.example/';
    const calls: string[] = [];
    const win = (url: string): WindowLike => ({ url, focus: async () => void calls.push(`focus ${url}`), navigate: async (to) => void calls.push(`navigate ${to}`) });
    const clients = (windows: WindowLike[]) => ({ matchAll: async () => windows, openWindow: async (u: string) => void calls.push(`open ${u}`) });
    await openNotificationTarget({ url: '/#/relatorio/abc' }, clients([win('https://other.example/'), win('https://app.example/#/configuracoes')]), scope);
    expect(calls).toEqual(['focus https://app.example/#/configuracoes', 'navigate https://app.example/#/relatorio/abc']);
    calls.length = 0;
    await openNotificationTarget({ url: '//evil.example/' }, clients([]), scope);
    expect(calls).toEqual(['open https://app.example/#/']);
  });
});

describe('page subscription flow', () => {
  const publicKey = 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';
  const http = (log: string[]) => ({
    request: async (method: string, path: string, init?: { body?: BodyInit }) => {
      log.push(`${method} ${path}${init?.body ? ` ${init.body}` : ''}`);
      return new Response(JSON.stringify({ publicKey, subscribed: false, regionalDigest: false }));
    },
  });
  const env = (permission: NotificationPermission, answer: NotificationPermission): PushEnv & { subscribed: unknown[] } => {
    const subscribed: unknown[] = [];
    return {
      subscribed,
      permission: () => permission,
      requestPermission: async () => answer,
      registration: {
        pushManager: {
          getSubscription: async () => null,
          subscribe: async (o) => {
            subscribed.push(o);
            return { toJSON: () => ({ endpoint: 'https://push.example/1', keys: { p256dh: 'p', auth: 'a' } }), unsubscribe: async () => true };
          },
        },
      },
    };
  };

  it('asks permission, subscribes with the endpoint key and stores the subscription for this session', async () => {
    const db = freshDb();
    const log: string[] = [];
    const e = env('default', 'granted');
    expect(await enablePush(db, http(log), e)).toBe('on');
    expect(e.subscribed).toEqual([{ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }]);
    expect(keyBytes(publicKey)).toHaveLength(65);
    expect(log).toEqual(['GET /push/subscription', 'PUT /push/subscription {"endpoint":"https://push.example/1","keys":{"p256dh":"p","auth":"a"}}']);
    expect(await getPushPrefs(db)).toEqual({ offered: true, subscribed: true });
  });

  it('a refusal subscribes nothing, and is remembered so the app does not ask again', async () => {
    const db = freshDb();
    const log: string[] = [];
    expect(await enablePush(db, http(log), env('default', 'denied'))).toBe('denied');
    expect(log).toEqual([]);
    expect(await getPushPrefs(db)).toEqual({ offered: true });
  });

  it('the list says the due date: days left, the day itself, late', () => {
    expect(dueDateText('2026-11', '2026-12-07').text).toBe('Prazo: 10/12 — faltam 3 dias');
    expect(dueDateText('2026-11', '2026-12-09').text).toBe('Prazo: 10/12 — falta 1 dia');
    expect(dueDateText('2026-11', '2026-12-10')).toEqual({ text: 'Prazo: hoje (10/12)', late: false, soon: true });
    expect(dueDateText('2026-11', '2026-12-11')).toEqual({ text: 'Atrasado desde 10/12', late: true, soon: false });
  });
});
