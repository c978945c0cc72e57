import type { ClassInfo, NetworkError, StatusEntry, Vendor } from './entry-schema';
import type { ProviderErrors } from './load-provider-errors';
import type { Provider, ProviderError } from './provider-error-schema';

/** The classes of HTTP status, with what each one means as a group. */
export const CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof CLASSES)[number];

export function classOf(code: number): StatusClass | null {
  if (!Number.isInteger(code) || code < 100 || code > 599) return null;
  return `${Math.floor(code / 100)}xx` as StatusClass;
}

/**
 * The loaded, validated table of status codes: every meaning of every code we know, indexed for the lookups the
 * engine and the channels make. Immutable once built.
 */
export class StatusTable {
  private readonly byNumber = new Map<number, StatusEntry[]>();
  private readonly byId = new Map<string, StatusEntry>();
  private readonly vendorsById = new Map<string, Vendor>();
  private readonly providerErrorsById: Map<string, ProviderError>;
  private readonly providersById: Map<string, Provider>;

  constructor(
    readonly entries: readonly StatusEntry[],
    readonly vendors: readonly Vendor[],
    readonly classes: readonly ClassInfo[],
    /** Failures with no status at all (refused, reset, DNS, TLS, CORS), which users paste as if they were one. */
    readonly networkErrors: readonly NetworkError[] = [],
    /** Errors a cloud, SDK or platform prints by name ("NoSuchBucket", "Error 1020"), each with its HTTP status. */
    readonly named: ProviderErrors = { providers: [], errors: [] },
    /** Software a user may run or call besides the vendors (Express, Django, Kubernetes), for steps tagged by stack. */
    readonly stacks: readonly Vendor[] = [],
  ) {
    for (const vendor of vendors) this.vendorsById.set(vendor.id, vendor);
    this.providerErrorsById = new Map(named.errors.map((e) => [e.id, e]));
    this.providersById = new Map(named.providers.map((p) => [p.id, p]));
    for (const entry of entries) {
      this.byId.set(entry.id, entry);
      const list = this.byNumber.get(entry.code) ?? [];
      list.push(entry);
      this.byNumber.set(entry.code, list);
    }
    // The registry meaning first, then vendors by how often people meet them.
    const rank = { common: 0, occasional: 1, rare: 2 } as const;
    for (const list of this.byNumber.values()) {
      list.sort(
        (a, b) =>
          Number(a.status === 'vendor') - Number(b.status === 'vendor') || rank[a.prevalence] - rank[b.prevalence],
      );
    }
  }

  get providerErrors(): readonly ProviderError[] {
    return this.named.errors;
  }

  providerError(id: string): ProviderError | undefined {
    return this.providerErrorsById.get(id);
  }

  provider(id: string): Provider | undefined {
    return this.providersById.get(id);
  }

  networkError(id: string): NetworkError | undefined {
    return this.networkErrors.find((e) => e.id === id);
  }

  /** Every meaning of a number, registry meaning first; empty when the number is no code we know. */
  meaningsOf(code: number): readonly StatusEntry[] {
    return this.byNumber.get(code) ?? [];
  }

  has(code: number): boolean {
    return this.byNumber.has(code);
  }

  entry(id: string): StatusEntry | undefined {
    return this.byId.get(id);
  }

  vendor(id: string): Vendor | undefined {
    return this.vendorsById.get(id);
  }

  /** The codes known in a class, in numeric order, one entry per number (its primary meaning). */
  codesInClass(statusClass: StatusClass): StatusEntry[] {
    return [...this.byNumber.entries()]
      .filter(([code]) => classOf(code) === statusClass)
      .sort(([a], [b]) => a - b)
      .map(([, list]) => list[0] as StatusEntry);
  }

  classInfo(statusClass: StatusClass): ClassInfo {
    return this.classes.find((c) => c.class === statusClass) as ClassInfo;
  }

  get codes(): number[] {
    return [...this.byNumber.keys()].sort((a, b) => a - b);
  }
}
