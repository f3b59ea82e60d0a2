/** A CloudTrail file as the ledger knows it: same path, size and modification time means already read. */
export interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * The files already aggregated, so that a re-run reads only new ones. The store implements it over SQL
 * (marks should become durable in the same transaction as the usage rows they produced).
 */
export interface ReadFileLedger {
  has(file: FileStamp): boolean | Promise<boolean>;
  mark(file: FileStamp): void | Promise<void>;
}

/** An in-memory ledger (one process, or tests). */
export function memoryLedger(): ReadFileLedger & { stamps(): FileStamp[] } {
  const seen = new Map<string, FileStamp>();
  const key = (f: FileStamp): string => `${f.path}\n${f.size}\n${f.mtimeMs}`;
  return {
    has: (f) => seen.has(key(f)),
    mark: (f) => void seen.set(key(f), { ...f }),
    stamps: () => [...seen.values()],
  };
}
