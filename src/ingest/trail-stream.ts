/**
 * Splits a CloudTrail document fed in chunks (`{"Records":[…]}`, a plain JSON array of events, or
 * `lookup-events` output `{"Events":[…]}`) into its records, one `JSON.parse` per record, so that a file of
 * a million records never exists as one string. Only the structure is tracked (depth, strings, escapes);
 * each record's text is validated by `JSON.parse` and strict UTF-8, the separators between records are
 * checked, and the values of other top-level keys are skipped without being kept.
 */
import { isUtf8 } from 'node:buffer';
import { oneLine } from './fields.js';

/** The form of the document, as far as it has been read. */
export type TrailForm = 'records' | 'array' | 'lookup-events';

/** Why a document cannot be read as CloudTrail; the message is the reason reported for the file. */
export class TrailStreamError extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const BOM = [0xef, 0xbb, 0xbf];
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class TrailSplitter {
  /** The form, once the records array has been found. */
  form: TrailForm | null = null;
  /** Records found so far. */
  records = 0;
  /** Top-level keys of a CloudTrail digest file seen (`digestStartTime`, `digestEndTime`, `logFiles: [`). */
  digestKeys = 0;
  private depth = 0;
  private started = false;
  private ended = false;
  private inString = false;
  private escape = false;
  private nextQuote = -1;
  private nextBackslash = -1;
  /** Depth inside the records array; -1 before it is found, 0 after it closed. */
  private recordsDepth = -1;
  private inElement = false;
  private elementStart = 0;
  private afterComma = false;
  private carry: Buffer[] = [];
  private carryBytes = 0;
  /** Top-level object keys: 0 expecting a key, 1 in a key, 2 expecting ':', 3 expecting a value, 4 in a value. */
  private keyState = 0;
  private key = '';
  private keyStart = 0;
  /** Bytes of a UTF-8 byte order mark skipped at the start. */
  private bom = 0;

  /** @param onRecord called with each record, parsed, in order */
  constructor(private readonly onRecord: (value: unknown, index: number) => void) {}

  /** Whether the records array has been read to its end. */
  get closedRecords(): boolean {
    return this.recordsDepth === 0;
  }

  /** Feeds the next chunk of bytes. Throws TrailStreamError when the text cannot be CloudTrail JSON. */
  push(b: Buffer): void {
    let i = 0;
    const n = b.length;
    this.nextQuote = -1;
    this.nextBackslash = -1;
    while (i < n) {
      if (this.inString) {
        if (this.escape) {
          this.escape = false;
          i++;
          continue;
        }
        if (this.nextQuote < i && this.nextQuote !== -2) this.nextQuote = b.indexOf(QUOTE, i);
        if (this.nextQuote === -1) this.nextQuote = -2;
        if (this.nextBackslash < i && this.nextBackslash !== -2) this.nextBackslash = b.indexOf(BACKSLASH, i);
        if (this.nextBackslash === -1) this.nextBackslash = -2;
        const q = this.nextQuote;
        const s = this.nextBackslash;
        if (s >= 0 && (q < 0 || s < q)) {
          i = s + 1;
          this.escape = true;
          continue;
        }
        if (q < 0) {
          i = n;
          break;
        }
        this.inString = false;
        if (this.keyState === 1) {
          this.key += b.toString('latin1', this.keyStart, Math.min(q, this.keyStart + 64));
          this.keyState = 2;
        }
        i = q + 1;
        continue;
      }
      const c = b[i]!;
      if (!this.started && this.bom < 3 && c === BOM[this.bom]) {
        this.bom++;
        i++;
        continue;
      }
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (this.ended)
        throw new TrailStreamError('invalid JSON: unexpected content after the end of the document');
      if (!this.started) {
        this.started = true;
        if (c === OPEN_BRACKET) {
          this.form = 'array';
          this.recordsDepth = 1;
        } else if (c !== OPEN_BRACE) {
          throw new TrailStreamError(
            isUtf8(b.subarray(i, Math.min(n, i + 4)))
              ? 'not CloudTrail: expected {"Records":[…]}, a JSON array or lookup-events output'
              : 'not UTF-8 text: the file holds an invalid byte sequence',
          );
        }
      } else if (this.depth === 1 && this.recordsDepth !== 1) this.topLevel(c);
      if (this.depth === this.recordsDepth) {
        if (c === COMMA || c === CLOSE_BRACKET) {
          if (this.inElement) this.emit(b, i);
          else if (c === COMMA || this.afterComma)
            throw new TrailStreamError('invalid JSON: misplaced comma');
          this.afterComma = c === COMMA;
        } else if (!this.inElement) {
          this.inElement = true;
          this.elementStart = i;
        }
      }
      switch (c) {
        case QUOTE:
          this.inString = true;
          if (this.keyState === 1) this.keyStart = i + 1;
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          this.depth++;
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          if (this.depth === this.recordsDepth) this.recordsDepth = 0;
          if (--this.depth < 0) throw new TrailStreamError('invalid JSON: unbalanced brackets');
          if (this.depth === 0) this.ended = true;
          break;
      }
      i++;
    }
    if (this.inString && this.keyState === 1) {
      this.key += b.toString('latin1', this.keyStart, Math.min(n, this.keyStart + 64));
      this.keyStart = 0;
    }
    if (this.inElement) {
      const part = b.subarray(this.elementStart);
      this.carry.push(part);
      this.carryBytes += part.length;
      this.elementStart = 0;
    }
  }

  /** Call after the last chunk: throws when the document is incomplete. */
  end(): void {
    if (!this.started) throw new TrailStreamError('empty file');
    if (!this.ended || this.inString) throw new TrailStreamError('invalid JSON: unexpected end of input');
  }

  /** Key and value tracking of the top-level object (depth 1, outside strings). */
  private topLevel(c: number): void {
    switch (this.keyState) {
      case 0:
        if (c === QUOTE) {
          this.keyState = 1;
          this.key = '';
        } else if (c !== CLOSE_BRACE) throw new TrailStreamError('invalid JSON: expected a property name');
        return;
      case 2:
        if (c !== COLON) throw new TrailStreamError("invalid JSON: expected ':' after a property name");
        this.keyState = 3;
        return;
      case 3:
        this.keyState = 4;
        if (this.key === 'digestStartTime' || this.key === 'digestEndTime') this.digestKeys++;
        if (c !== OPEN_BRACKET) return;
        if (this.key === 'logFiles') this.digestKeys++;
        if (this.recordsDepth === -1 && (this.key === 'Records' || this.key === 'Events')) {
          this.form = this.key === 'Records' ? 'records' : 'lookup-events';
          this.recordsDepth = 2;
        }
        return;
      case 4:
        if (c === COMMA) this.keyState = 0;
        return;
    }
  }

  private emit(b: Buffer, end: number): void {
    let bytes = b.subarray(this.elementStart, end);
    if (this.carry.length > 0) {
      this.carry.push(bytes);
      bytes = Buffer.concat(this.carry, this.carryBytes + bytes.length);
      this.carry = [];
      this.carryBytes = 0;
    }
    this.inElement = false;
    if (!isUtf8(bytes)) throw new TrailStreamError('not UTF-8 text: the file holds an invalid byte sequence');
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      throw new TrailStreamError(
        `invalid JSON in record ${this.records}: ${oneLine((e as Error).message, 200)}`,
      );
    }
    this.onRecord(value, this.records++);
  }
}
