import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A 12-digit AWS account id: the only account string allowed into a path. */
export function isAccountId(s: string): boolean {
  return /^\d{12}$/.test(s);
}

/** An AWS region name (`us-east-1`, `us-gov-west-1`, `cn-north-1`): the only region string allowed into a path. */
export function isRegionName(s: string): boolean {
  return /^[a-z]{2}(?:-[a-z]+){1,2}-\d{1,2}$/.test(s);
}

/** One path segment from outside data (an S3 key part): plain characters only, never `.`/`..`, bounded. */
export function isSafeSegment(s: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9._=+-]{0,199}$/.test(s) && s !== '.' && s !== '..';
}

/** Thrown when a snapshot folder cannot be created or completed; the message names the folder. */
export class SnapshotError extends Error {}

/**
 * Writes a snapshot folder atomically: everything goes into `<out>.tmp-<pid>` and is renamed into place by
 * `commit()`, so a crash or an abort never leaves a half folder at `out`. Every path segment is checked.
 */
export class SnapshotWriter {
  private constructor(
    readonly out: string,
    readonly tmp: string,
    private readonly force: boolean,
  ) {}

  /**
   * Starts a snapshot at `out`.
   * @throws SnapshotError when `out` exists, is not empty and `force` is not set
   */
  static async open(out: string, opts: { force?: boolean } = {}): Promise<SnapshotWriter> {
    const resolved = path.resolve(out);
    const existing = await readdir(resolved).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      if (e.code === 'ENOTDIR') throw new SnapshotError(`${resolved} exists and is not a folder`);
      throw new SnapshotError(`cannot read ${resolved}: ${e.code ?? e.message}`);
    });
    if (existing && existing.length > 0 && !opts.force) {
      throw new SnapshotError(`${resolved} is not empty; choose another --out or pass --force to replace it`);
    }
    const tmp = `${resolved}.tmp-${process.pid}`;
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    return new SnapshotWriter(resolved, tmp, Boolean(opts.force));
  }

  /** The checked absolute path of a file in the temporary folder. */
  private target(segments: string[]): string {
    for (const s of segments) {
      if (!isSafeSegment(s)) throw new SnapshotError(`unsafe path segment ${JSON.stringify(s.slice(0, 80))}`);
    }
    return path.join(this.tmp, ...segments);
  }

  /** Writes a value as pretty JSON; returns its path relative to the snapshot root. */
  async writeJson(segments: string[], value: unknown): Promise<string> {
    return this.writeBytes(segments, Buffer.from(`${JSON.stringify(value, null, 2)}\n`));
  }

  /** Writes raw bytes (a CloudTrail `.json.gz`); returns the relative path. */
  async writeBytes(segments: string[], bytes: Uint8Array): Promise<string> {
    const file = this.target(segments);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes, { flag: 'wx' });
    return segments.join('/');
  }

  /** Copies a file from elsewhere (an earlier snapshot) instead of downloading it again. */
  async copyIn(segments: string[], from: string): Promise<string> {
    const file = this.target(segments);
    await mkdir(path.dirname(file), { recursive: true });
    await copyFile(from, file);
    return segments.join('/');
  }

  /** Moves the finished snapshot into place; with `force`, the old folder is replaced only now. */
  async commit(): Promise<void> {
    const old = `${this.out}.old-${process.pid}`;
    let movedOld = false;
    try {
      await rename(this.tmp, this.out);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (!this.force || (code !== 'ENOTEMPTY' && code !== 'EEXIST')) {
        throw new SnapshotError(`cannot move the snapshot into ${this.out}: ${code ?? String(e)}`);
      }
      await rename(this.out, old);
      movedOld = true;
      await rename(this.tmp, this.out);
    }
    if (movedOld) await rm(old, { recursive: true, force: true });
  }

  /** Deletes the temporary folder; `out` is left as it was. */
  async abort(): Promise<void> {
    await rm(this.tmp, { recursive: true, force: true });
  }
}
