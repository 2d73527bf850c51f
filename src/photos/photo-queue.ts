// A sequential queue over the pipeline: one photo (one full-size decode) at a time, progress for
// "Processando foto k de n", and one Cancel that stops the current photo and drops the rest.

export interface QueueProgress {
  /** 1-based index of the photo being processed in this batch */
  current: number;
  total: number;
  fileName: string;
}

export interface QueueCallbacks<T> {
  onProgress(progress: QueueProgress | null): void;
  onDone?(file: File, result: T): void;
  /** any failure except this queue's own Cancel; an AbortError the user did not ask for (e.g. a
   * failed IndexedDB transaction) is a failure like any other */
  onError(file: File, error: unknown): void;
}

export interface PhotoQueue {
  add(files: Iterable<File>): void;
  cancel(): void;
  readonly busy: boolean;
}

export function createPhotoQueue<T>(
  process: (signal: AbortSignal, file: File) => Promise<T>,
  callbacks: QueueCallbacks<T>,
): PhotoQueue {
  let pending: File[] = [];
  let done = 0;
  let running = false;
  let controller: AbortController | null = null;

  async function pump() {
    running = true;
    while (pending.length) {
      const file = pending.shift()!;
      const ctrl = (controller = new AbortController());
      callbacks.onProgress({ current: done + 1, total: done + 1 + pending.length, fileName: file.name });
      try {
        const result = await process(ctrl.signal, file);
        if (!ctrl.signal.aborted) callbacks.onDone?.(file, result);
      } catch (error) {
        if (!ctrl.signal.aborted) callbacks.onError(file, error);
      }
      if (ctrl.signal.aborted) break;
      done += 1;
    }
    controller = null;
    running = false;
    done = 0;
    // files added after a Cancel start a new batch
    if (pending.length) void pump();
    else callbacks.onProgress(null);
  }

  return {
    add(files) {
      pending.push(...files);
      if (!running && pending.length) void pump();
    },
    cancel() {
      pending = [];
      controller?.abort(new DOMException('cancelled', 'AbortError'));
    },
    get busy() {
      return running;
    },
  };
}
