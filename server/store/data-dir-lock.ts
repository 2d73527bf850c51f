import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Thrown when another live process holds the data directory (PGlite has no lock of its own). */
export class DataDirLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(
      `O diretório de dados ${dir} está em uso pelo processo ${pid} (provavelmente o servidor Mobiliza). ` +
        'Pare o servidor antes de usar este comando, ou use outro DATA_DIR.',
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * Who holds the lock. A PID alone is not enough: after `kill -9` in a container the next server is
 * PID 1 again, and on any box the number is reused. So the lock also names the process's start
 * time (field 22 of /proc/<pid>/stat, clock ticks since boot) and the kernel's boot id: the holder
 * is alive only if a process with that PID exists *and* started at that moment of this boot.
 */
export interface LockOwner {
  pid: number;
  /** start time of the process in clock ticks since boot; null where /proc is missing */
  start: string | null;
  /** /proc/sys/kernel/random/boot_id; null where missing */
  boot: string | null;
}

function readOr(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Start time of `pid` (clock ticks since boot), or null (no /proc, or no such process). */
export function processStartTime(pid: number): string | null {
  const stat = readOr(`/proc/${pid}/stat`);
  if (!stat) return null;
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null; // field 22 overall = index 19 after pid and comm
}

export function currentOwner(pid = process.pid): LockOwner {
  return { pid, start: processStartTime(pid), boot: readOr('/proc/sys/kernel/random/boot_id') };
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Parses a lock file: the JSON owner, or the bare PID older versions wrote. */
export function parseLock(text: string): LockOwner | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), start: null, boot: null };
  try {
    const o = JSON.parse(trimmed) as Partial<LockOwner>;
    if (Number.isInteger(o.pid) && (o.pid as number) > 0) {
      return { pid: o.pid as number, start: typeof o.start === 'string' ? o.start : null, boot: typeof o.boot === 'string' ? o.boot : null };
    }
  } catch {
    // not ours: treated as stale
  }
  return undefined;
}

/** True when the process that wrote `owner` is still running. */
export function ownerAlive(owner: LockOwner): boolean {
  if (!pidExists(owner.pid)) return false;
  const now = currentOwner(owner.pid);
  if (owner.boot && now.boot && owner.boot !== now.boot) return false; // written before a reboot
  if (owner.start && now.start) return owner.start === now.start; // same PID, same process?
  // A bare PID (older lock) or no /proc: our own PID cannot be another live holder.
  return owner.pid !== process.pid || owner.start !== null;
}

/**
 * Takes `<dir>/.lock`, naming this process (PID, start time, boot id). A lock whose process is
 * gone — including a reused PID — is taken over. Returns the release function.
 */
export function acquireDataDirLock(dir: string): () => void {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true });
  const lockPath = join(abs, '.lock');
  const me = currentOwner();
  const mine = JSON.stringify(me);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, mine);
      closeSync(fd);
      return () => {
        if (readOr(lockPath) === mine) rmSync(lockPath, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const text = readOr(lockPath);
      if (text === null) continue; // removed meanwhile: try again
      const owner = parseLock(text);
      if (owner && ownerAlive(owner)) throw new DataDirLockedError(abs, owner.pid);
      if (readOr(lockPath) === text) rmSync(lockPath, { force: true }); // stale (and not replaced meanwhile)
    }
  }
  throw new Error(`could not take the lock ${lockPath}`);
}
