// first-load module
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MobilizaDb } from '../db/database';

export const DbContext = createContext<MobilizaDb | null>(null);

export function useDb(): MobilizaDb {
  const db = useContext(DbContext);
  if (!db) throw new Error('DbContext missing');
  return db;
}
