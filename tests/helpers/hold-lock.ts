// Child process for the lock tests: takes the data-directory lock, says so, and waits to be killed.
import { acquireDataDirLock } from '../../server/store/data-dir-lock.ts';

acquireDataDirLock(process.argv[2]);
process.stdout.write('locked\n');
setInterval(() => {}, 60_000);
