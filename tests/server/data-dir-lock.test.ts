import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, currentOwner, DataDirLockedError, parseLock } from '../../server/store/data-dir-lock.ts';

const hasProc = currentOwner().start !== null;
const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'mobiliza-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('data directory lock that a reused PID cannot fool', () => {
  it('records PID, process start time and boot id', () => {
    const dir = freshDir();
    const release = acquireDataDirLock(dir);
    const owner = parseLock(readFileSync(join(dir, '.lock'), 'utf8'));
    expect(owner).toEqual(currentOwner());
    if (hasProc) expect(owner?.start).toMatch(/^\d+$/);
    release();
  });

  it.skipIf(!hasProc)('takes over a stale lock naming a live but unrelated PID (PID 1, the parent, this very PID)', () => {
    for (const pid of [1, process.ppid, process.pid]) {
      const dir = freshDir();
      const live = currentOwner(pid);
      expect(live.start).not.toBeNull(); // the PID really is alive…
      // …but the lock was written by an earlier process that had that PID (e.g. a container's PID 1 before kill -9).
      writeFileSync(join(dir, '.lock'), JSON.stringify({ ...live, start: String(Number(live.start) + 1) }));
      const release = acquireDataDirLock(dir);
      expect(parseLock(readFileSync(join(dir, '.lock'), 'utf8'))?.pid).toBe(process.pid);
      release();
    }
  });

  it.skipIf(!hasProc)('takes over a lock written before a reboot', () => {
    const dir = freshDir();
    writeFileSync(join(dir, '.lock'), JSON.stringify({ ...currentOwner(1), boot: '00000000-0000-0000-0000-000000000000' }));
    acquireDataDirLock(dir)();
  });

  it('refuses while a live server process holds it, and takes over after that process is killed -9', async () => {
    const dir = freshDir();
    const script = fileURLToPath(new URL('../helpers/hold-lock.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (b: Buffer) => b.toString().includes('locked') && resolve());
        child.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
      });
      let refused: unknown;
      try {
        acquireDataDirLock(dir);
      } catch (err) {
        refused = err;
      }
      expect(refused).toBeInstanceOf(DataDirLockedError);
      expect((refused as DataDirLockedError).pid).toBe(child.pid);
      expect((refused as Error).message).toContain(`em uso pelo processo ${child.pid}`);
    } finally {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    // The dead holder's file is still there; the next start takes it over.
    expect(parseLock(readFileSync(join(dir, '.lock'), 'utf8'))?.pid).toBe(child.pid);
    const release = acquireDataDirLock(dir);
    release();
  });

  it('refuses a second opener in the same process', () => {
    const dir = freshDir();
    const release = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    release();
    acquireDataDirLock(dir)();
  });
});
