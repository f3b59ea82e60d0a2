import type { Kysely, Selectable } from 'kysely';
import type { Severity } from '../model/finding.js';
import { SEVERITIES } from '../model/finding.js';
import type { DataVersion } from './data-version.js';
import type { DetectionFacets, DetectionQuery, DetectionStatus } from './detections.js';
import { pageOf, viewStatuses } from './detections.js';
import type { DetectionGroup, GroupBy } from './groups.js';
import type { MuteRow } from './mutes.js';
import { muteMatcher, toMute } from './mutes.js';
import type { Database, FindingsTable } from './schema.js';

/**
 * Text order by code point: how SQLite (BINARY) and PostgreSQL with the C or C.UTF-8 collation order text.
 * JavaScript's `<` compares UTF-16 code units, which puts astral characters (surrogate pairs) before
 * U+E000–U+FFFF; this puts them after.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x >= 0xd800 && y >= 0xd800 ? codePointRank(x) - codePointRank(y) : x - y;
  }
  return a.length - b.length;
}

/** Surrogates (U+D800–DFFF) above U+E000–U+FFFF, keeping each range's own order. */
const codePointRank = (unit: number) => (unit >= 0xe000 ? unit - 0x800 : unit + 0x2000);

/** Sorts by {@link compareText}; with no code unit from U+D800 up, the built-in sort orders the same, faster. */
function sortText(values: string[]): string[] {
  return values.some((v) => /[\ud800-\uffff]/.test(v)) ? values.sort(compareText) : values.sort();
}

/** Severity as a number, critical = 4 … info = 0, anything else 0 (as `SEVERITY_ORDER` in SQL). */
function severityRank(s: string): number {
  const i = (SEVERITIES as readonly string[]).indexOf(s);
  return i < 0 ? 0 : SEVERITIES.length - 1 - i;
}

/** A text column as codes into its distinct values, sorted: comparing codes compares the texts. */
interface Dict {
  values: string[];
  codes: Int32Array;
  code: Map<string, number>;
}

/** Encodes `rows.map(f)` (in row order). */
function encode<R>(rows: readonly R[], f: (r: R) => string): Dict {
  const code = new Map<string, number>();
  const seen: string[] = [];
  const codes = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = f(rows[i] as R);
    let c = code.get(v);
    if (c === undefined) {
      c = seen.length;
      code.set(v, c);
      seen.push(v);
    }
    codes[i] = c;
  }
  // Renumber in text order.
  const values = sortText(seen.slice());
  const rank = new Int32Array(values.length);
  values.forEach((v, i) => {
    rank[code.get(v) as number] = i;
    code.set(v, i);
  });
  for (let i = 0; i < codes.length; i++) codes[i] = rank[codes[i] as number] as number;
  return { values, codes, code };
}

/** `d` with its codes reordered: position i gets the code of row `order[i]`. */
function permute(d: Dict, order: Int32Array): Dict {
  const codes = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) codes[i] = d.codes[order[i] as number] as number;
  return { ...d, codes };
}

/** The findings columns the index reads. */
type IndexRow = Pick<
  Selectable<FindingsTable>,
  | 'detection_id'
  | 'rule'
  | 'severity'
  | 'resource_type'
  | 'account_id'
  | 'resource_arn'
  | 'resource_name'
  | 'title'
  | 'status'
>;

/** The columns the search looks in (as `filtered` in SQL). */
function searchFields(
  r: Pick<IndexRow, 'resource_arn' | 'resource_name' | 'title' | 'rule' | 'detection_id'>,
) {
  return [r.resource_arn, r.resource_name, r.title, r.rule, r.detection_id];
}

/** The index's columns, every per-row array in list order. */
interface Columns {
  ids: string[];
  /** Severity rank, critical = 4 … info = 0. */
  rank: Uint8Array;
  resolved: Uint8Array;
  dims: Record<Exclude<Dimension, 'status'>, Dict>;
  arn: Dict;
  name: Dict;
  title: Dict;
  /** The rows of ARN code a: `arnRows[arnStart[a]]` to `arnRows[arnStart[a + 1] - 1]`, in list order. */
  arnStart: Int32Array;
  arnRows: Int32Array;
  /** Built on first use (a search, an id mute), then kept with the columns. */
  lazy: {
    /** Per row: the {@link searchFields}, NUL-separated, lowercased. */
    haystack?: string[];
    rowOfId?: Map<string, number>;
  };
}

/** The explorer's five facet dimensions; bit d of a row's `failures` (see `scan`) is `DIMENSIONS[d]`. */
const DIMENSIONS = ['status', 'severity', 'rule', 'resourceType', 'accountId'] as const;
type Dimension = (typeof DIMENSIONS)[number];

/** View statuses as codes: 0 open, 1 muted, 2 resolved. */
const STATUSES: readonly DetectionStatus[] = ['open', 'muted', 'resolved'];
const STATUS_CODES = { code: new Map<string, number>(STATUSES.map((s, i) => [s, i])) };

/** A query compiled for one index: per dimension the codes it allows (null: any), rows, needle, statuses. */
interface Compiled {
  allowed: Record<Dimension, Uint8Array | null>;
  /** Row positions to consider (those of `resourceArn`), or null for every row. */
  rows: Int32Array | null;
  /** The lowercased search, or null. */
  needle: string | null;
  status: Uint8Array;
}

/** A page of the list: the detection ids in list order, with their status. */
export interface IndexPage {
  total: number;
  ids: string[];
  statuses: DetectionStatus[];
}

const NONE = new Int32Array(0);

function readMutes(db: Kysely<Database>): Promise<MuteRow[]> {
  return db.selectFrom('mutes').selectAll().orderBy('id').execute();
}

function increment(counts: Int32Array, i: number): void {
  counts[i] = (counts[i] as number) + 1;
}

/**
 * The explorer's findings in memory, for one data version: compact columns of every finding (id, severity,
 * rule, resource type, account, ARN, name, title, resolved or not) sorted in list order (most severe first,
 * then rule, resource ARN and id), plus the mutes. It answers the explorer's list, facets, groups and search
 * with the same semantics as the SQL of detections.ts and groups.ts (held equal by
 * explorer-index-store.test.ts): mute status is computed per `now` from the active mutes with
 * {@link muteMatcher}; text orders by code point. The caller fetches a page's full rows by id
 * (`detectionViews`).
 */
export class ExplorerIndex {
  private statusFor: { key: string; status: Uint8Array } | null = null;

  private constructor(
    /** The data version the index holds. */
    readonly version: DataVersion,
    private readonly c: Columns,
    private readonly mutes: readonly MuteRow[],
    /** Per mute id, the rows it covers (ignoring time); a mute's target never changes, so this is shared. */
    private readonly covered: Map<number, Int32Array>,
  ) {}

  /** Reads every finding and mute (one query each, in the caller's snapshot) and builds the index. */
  static async load(db: Kysely<Database>, version: DataVersion): Promise<ExplorerIndex> {
    const rows = await db
      .selectFrom('findings')
      .select([
        'detection_id',
        'rule',
        'severity',
        'resource_type',
        'account_id',
        'resource_arn',
        'resource_name',
        'title',
        'status',
      ])
      .execute();
    return ExplorerIndex.build(version, rows, await readMutes(db));
  }

  /**
   * This index with the mutes re-read (in the caller's snapshot), for a `version` whose findings are this
   * index's: the columns and each mute's covered rows are kept.
   */
  async withMutes(db: Kysely<Database>, version: DataVersion): Promise<ExplorerIndex> {
    if (version.findings !== this.version.findings) throw new Error('withMutes: the findings have changed');
    return new ExplorerIndex(version, this.c, await readMutes(db), this.covered);
  }

  /** Builds the index from findings rows (any order) and mute rows. */
  private static build(
    version: DataVersion,
    rows: readonly IndexRow[],
    mutes: readonly MuteRow[],
  ): ExplorerIndex {
    const n = rows.length;
    const raw = {
      severity: encode(rows, (r) => r.severity),
      rule: encode(rows, (r) => r.rule),
      resourceType: encode(rows, (r) => r.resource_type),
      accountId: encode(rows, (r) => r.account_id),
      arn: encode(rows, (r) => r.resource_arn),
      name: encode(rows, (r) => r.resource_name),
      title: encode(rows, (r) => r.title),
    };
    const rankRaw = new Uint8Array(n);
    for (let i = 0; i < n; i++) rankRaw[i] = severityRank((rows[i] as IndexRow).severity);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort(
      (a, b) =>
        (rankRaw[b] as number) - (rankRaw[a] as number) ||
        (raw.rule.codes[a] as number) - (raw.rule.codes[b] as number) ||
        (raw.arn.codes[a] as number) - (raw.arn.codes[b] as number) ||
        compareText((rows[a] as IndexRow).detection_id, (rows[b] as IndexRow).detection_id),
    );
    const ids = new Array<string>(n);
    const rank = new Uint8Array(n);
    const resolved = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const row = rows[order[i] as number] as IndexRow;
      ids[i] = row.detection_id;
      rank[i] = rankRaw[order[i] as number] as number;
      resolved[i] = row.status === 'resolved' ? 1 : 0;
    }
    const arn = permute(raw.arn, order);
    // Rows grouped by ARN code (a counting sort), each group in list order.
    const arnStart = new Int32Array(arn.values.length + 1);
    for (let i = 0; i < n; i++) increment(arnStart, (arn.codes[i] as number) + 1);
    for (let a = 0; a < arn.values.length; a++)
      arnStart[a + 1] = (arnStart[a + 1] as number) + (arnStart[a] as number);
    const arnRows = new Int32Array(n);
    const next = arnStart.slice(0, arn.values.length);
    for (let i = 0; i < n; i++) {
      const a = arn.codes[i] as number;
      arnRows[next[a] as number] = i;
      increment(next, a);
    }
    const columns: Columns = {
      ids,
      rank,
      resolved,
      dims: {
        severity: permute(raw.severity, order),
        rule: permute(raw.rule, order),
        resourceType: permute(raw.resourceType, order),
        accountId: permute(raw.accountId, order),
      },
      arn,
      name: permute(raw.name, order),
      title: permute(raw.title, order),
      arnStart,
      arnRows,
      lazy: {},
    };
    return new ExplorerIndex(version, columns, mutes, new Map());
  }

  /** One page of the list (most severe first, then rule, resource and id) and the total matching. */
  list(query: DetectionQuery, now: Date): IndexPage {
    const q = this.compile(query, now);
    const { limit, offset } = pageOf(query);
    const page: IndexPage = { total: 0, ids: [], statuses: [] };
    this.scan(q, (i, failures) => {
      if (failures !== 0) return;
      if (page.total >= offset && page.total < offset + limit) {
        page.ids.push(this.c.ids[i] as string);
        page.statuses.push(STATUSES[q.status[i] as number] as DetectionStatus);
      }
      page.total++;
    });
    return page;
  }

  /** Facet counts: each dimension counted with every other filter applied. */
  facets(query: DetectionQuery, now: Date): DetectionFacets {
    const q = this.compile(query, now);
    const counts = DIMENSIONS.map(
      (d) => new Int32Array(d === 'status' ? STATUSES.length : this.c.dims[d].values.length),
    );
    const codeOf = (d: number, i: number) =>
      d === 0
        ? (q.status[i] as number)
        : (this.c.dims[DIMENSIONS[d] as Exclude<Dimension, 'status'>].codes[i] as number);
    this.scan(q, (i, failures) => {
      if (failures === 0) {
        for (let d = 0; d < DIMENSIONS.length; d++) increment(counts[d] as Int32Array, codeOf(d, i));
      } else if ((failures & (failures - 1)) === 0) {
        const d = 31 - Math.clz32(failures);
        increment(counts[d] as Int32Array, codeOf(d, i));
      }
    });
    const out = {} as DetectionFacets;
    DIMENSIONS.forEach((d, k) => {
      const values = d === 'status' ? STATUSES : this.c.dims[d].values;
      const c = counts[k] as Int32Array;
      out[d] = {};
      for (let v = 0; v < c.length; v++)
        if ((c[v] as number) > 0) out[d][values[v] as string] = c[v] as number;
    });
    return out;
  }

  /**
   * One page of groups (by rule or resource ARN) of the matching detections: worst severity first, then
   * largest, then by key; label, type and account are each the group's largest value (as `max()` in SQL).
   */
  groups(
    query: DetectionQuery,
    by: GroupBy,
    now: Date,
  ): { totalGroups: number; totalDetections: number; groups: DetectionGroup[] } {
    const q = this.compile(query, now);
    const key = by === 'rule' ? this.c.dims.rule : this.c.arn;
    const label = by === 'rule' ? this.c.title : this.c.name;
    const size = key.values.length;
    const count = new Int32Array(size);
    const worst = new Int32Array(size);
    const labels = new Int32Array(size).fill(-1);
    const types = new Int32Array(size).fill(-1);
    const accounts = new Int32Array(size).fill(-1);
    let totalDetections = 0;
    this.scan(q, (i, failures) => {
      if (failures !== 0) return;
      const k = key.codes[i] as number;
      totalDetections++;
      increment(count, k);
      worst[k] = Math.max(worst[k] as number, this.c.rank[i] as number);
      labels[k] = Math.max(labels[k] as number, label.codes[i] as number);
      types[k] = Math.max(types[k] as number, this.c.dims.resourceType.codes[i] as number);
      accounts[k] = Math.max(accounts[k] as number, this.c.dims.accountId.codes[i] as number);
    });
    const keys: number[] = [];
    for (let k = 0; k < size; k++) if ((count[k] as number) > 0) keys.push(k);
    // Codes are ranks in text order, so the key order is the code order.
    keys.sort(
      (a, b) =>
        (worst[b] as number) - (worst[a] as number) || (count[b] as number) - (count[a] as number) || a - b,
    );
    const { limit, offset } = pageOf(query);
    return {
      totalGroups: keys.length,
      totalDetections,
      groups: keys.slice(offset, offset + limit).map((k) => ({
        key: key.values[k] as string,
        label: label.values[labels[k] as number] as string,
        resourceType:
          by === 'resource' ? (this.c.dims.resourceType.values[types[k] as number] as string) : null,
        accountId: by === 'resource' ? (this.c.dims.accountId.values[accounts[k] as number] as string) : null,
        count: count[k] as number,
        maxSeverity: SEVERITIES[SEVERITIES.length - 1 - (worst[k] as number)] ?? 'info',
      })),
    };
  }

  /** The worst severity of the open (not muted, not resolved) detections of each of `arns`, if any. */
  worstOpenSeverity(arns: readonly string[], now: Date): Map<string, Severity> {
    const q = this.compile({ status: ['open'] }, now);
    const out = new Map<string, Severity>();
    for (const a of arns) {
      const code = this.c.arn.code.get(a);
      if (code === undefined || out.has(a)) continue;
      let worst = -1;
      for (const i of this.rowsOfArn(code)) {
        if (q.status[i] === 0) worst = Math.max(worst, this.c.rank[i] as number);
      }
      if (worst >= 0) out.set(a, SEVERITIES[SEVERITIES.length - 1 - worst] ?? 'info');
    }
    return out;
  }

  /**
   * Calls `visit(row, failures)` for each row that matches the resource ARN and the search, in list order;
   * `failures` has bit d set when the row fails the filter of `DIMENSIONS[d]`.
   */
  private scan(q: Compiled, visit: (row: number, failures: number) => void): void {
    const count = q.rows ? q.rows.length : this.c.ids.length;
    const { allowed } = q;
    const { severity, rule, resourceType, accountId } = this.c.dims;
    for (let k = 0; k < count; k++) {
      const i = q.rows ? (q.rows[k] as number) : k;
      if (q.needle !== null && !this.found(i, q.needle)) continue;
      let failures = 0;
      if (allowed.status && !allowed.status[q.status[i] as number]) failures |= 1;
      if (allowed.severity && !allowed.severity[severity.codes[i] as number]) failures |= 2;
      if (allowed.rule && !allowed.rule[rule.codes[i] as number]) failures |= 4;
      if (allowed.resourceType && !allowed.resourceType[resourceType.codes[i] as number]) failures |= 8;
      if (allowed.accountId && !allowed.accountId[accountId.codes[i] as number]) failures |= 16;
      visit(i, failures);
    }
  }

  /** Whether row `i` holds `needle` (lowercased) in one of its {@link searchFields}. */
  private found(i: number, needle: string): boolean {
    // The haystack joins the fields with NUL: a needle without NUL cannot match across two of them.
    if (!needle.includes('\u0000')) return (this.haystack()[i] as string).includes(needle);
    return searchFields(this.row(i)).some((f) => f.toLowerCase().includes(needle));
  }

  private haystack(): string[] {
    this.c.lazy.haystack ??= this.c.ids.map((_, i) => searchFields(this.row(i)).join('\u0000').toLowerCase());
    return this.c.lazy.haystack;
  }

  private rowOfId(): Map<string, number> {
    this.c.lazy.rowOfId ??= new Map(this.c.ids.map((id, i) => [id, i]));
    return this.c.lazy.rowOfId;
  }

  /** The rows of ARN code `code`, in list order. */
  private rowsOfArn(code: number): Int32Array {
    return this.c.arnRows.subarray(this.c.arnStart[code], this.c.arnStart[code + 1]);
  }

  /** Row `i`'s text columns. */
  private row(
    i: number,
  ): Pick<IndexRow, 'resource_arn' | 'resource_name' | 'title' | 'rule' | 'detection_id'> {
    const { dims, arn, name, title, ids } = this.c;
    return {
      resource_arn: arn.values[arn.codes[i] as number] as string,
      resource_name: name.values[name.codes[i] as number] as string,
      title: title.values[title.codes[i] as number] as string,
      rule: dims.rule.values[dims.rule.codes[i] as number] as string,
      detection_id: ids[i] as string,
    };
  }

  private compile(query: DetectionQuery, now: Date): Compiled {
    const pick = (dict: { code: Map<string, number> }, size: number, values?: readonly string[]) => {
      if (!values?.length) return null;
      const out = new Uint8Array(size);
      for (const v of values) {
        const c = dict.code.get(v);
        if (c !== undefined) out[c] = 1;
      }
      return out;
    };
    const { severity, rule, resourceType, accountId } = this.c.dims;
    let rows: Int32Array | null = null;
    if (query.resourceArn !== undefined) {
      const code = this.c.arn.code.get(query.resourceArn);
      rows = code === undefined ? NONE : this.rowsOfArn(code);
    }
    return {
      allowed: {
        status: pick(STATUS_CODES, STATUSES.length, viewStatuses(query)),
        severity: pick(severity, severity.values.length, query.severity),
        rule: pick(rule, rule.values.length, query.rule),
        resourceType: pick(resourceType, resourceType.values.length, query.resourceType),
        accountId: pick(accountId, accountId.values.length, query.accountId),
      },
      rows,
      needle: query.search ? query.search.toLowerCase() : null,
      status: this.statusAt(now),
    };
  }

  /** Per row, its status code at `now`: resolved, else muted when an active mute covers it, else open. */
  private statusAt(now: Date): Uint8Array {
    const active = this.mutes.filter((m) => toMute(m, now).isActive);
    const key = active.map((m) => m.id).join(',');
    if (this.statusFor?.key !== key) {
      const status = Uint8Array.from(this.c.resolved, (r) => (r ? 2 : 0));
      for (const m of active) for (const i of this.coveredBy(m)) if (status[i] === 0) status[i] = 1;
      this.statusFor = { key, status };
    }
    return this.statusFor.status;
  }

  /** The rows a mute covers (ignoring time), computed once per mute and findings version. */
  private coveredBy(m: MuteRow): Int32Array {
    let rows = this.covered.get(m.id);
    if (rows) return rows;
    const covers = muteMatcher({
      detectionId: m.detection_id,
      rule: m.rule,
      resourcePattern: m.resource_pattern,
    });
    const candidates: Iterable<number> =
      m.detection_id !== null
        ? [this.rowOfId().get(m.detection_id) ?? -1].filter((i) => i >= 0)
        : this.rowsOfRule(m.rule);
    const hits: number[] = [];
    for (const i of candidates) {
      const r = this.row(i);
      if (covers({ id: r.detection_id, rule: r.rule, resourceArn: r.resource_arn })) hits.push(i);
    }
    rows = Int32Array.from(hits);
    this.covered.set(m.id, rows);
    return rows;
  }

  private *rowsOfRule(rule: string | null): Generator<number> {
    const code = rule === null ? undefined : this.c.dims.rule.code.get(rule);
    if (code === undefined) return;
    const codes = this.c.dims.rule.codes;
    for (let i = 0; i < codes.length; i++) if (codes[i] === code) yield i;
  }
}
