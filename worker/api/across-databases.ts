// Installation-wide reads over every data database (a request that names no domain): the same page read in each,
// rows kept only where the directory places their domain (a move's source holds a copy until it is deleted), and
// the pages merged in their common order, which keyset pages allow exactly.
import { listDomains } from '../store/domains.ts';
import { CONTROL_BINDING, listPlacedDomains } from '../store/placements.ts';
import type { ApiServices } from './context.ts';

export type DatabaseRead = {
  services: ApiServices;
  /** Whether a row of this domain (null: of no domain) belongs to this database. */
  holds: (domainId: string | null) => boolean;
};

/** One read per data database when some domain lives outside the control database; else the request's own. */
export async function listDatabasesToRead(services: ApiServices): Promise<DatabaseRead[]> {
  const seam = services.data;
  const placed = seam ? await listPlacedDomains(seam.control) : [];
  if (!seam || placed.every((placement) => placement.binding === CONTROL_BINDING))
    return [{ services, holds: () => true }];
  const bindingByName = new Map(placed.map((placement) => [placement.domainName, placement.binding]));
  const bindingById = new Map(
    (await listDomains(seam.control)).map((domain) => [domain.id, bindingByName.get(domain.name) ?? CONTROL_BINDING]),
  );
  return seam.bindings.map((binding) => ({
    services: seam.servicesFor(binding),
    holds: (domainId) => (domainId === null ? CONTROL_BINDING : bindingById.get(domainId)) === binding,
  }));
}

/** Reads a page in every database, keeps each database's own rows, and merges them into one page of `limit`. */
export async function readPageAcross<Row>(
  reads: DatabaseRead[],
  page: {
    read: (services: ApiServices) => Promise<Row[]>;
    domainOf: (row: Row) => string | null;
    newestFirst: (a: Row, b: Row) => number;
    limit: number;
  },
): Promise<Row[]> {
  const pages = await Promise.all(
    reads.map(async (each) => (await page.read(each.services)).filter((row) => each.holds(page.domainOf(row)))),
  );
  return pages.length === 1 ? pages[0]! : pages.flat().sort(page.newestFirst).slice(0, page.limit);
}

/** Every row of a short, unpaged list (aliases, targets) from every database, each kept only where it belongs. */
export async function readAllAcross<Row>(
  services: ApiServices,
  read: (services: ApiServices) => Promise<Row[]>,
  domainOf: (row: Row) => string | null,
): Promise<Row[]> {
  const reads = await listDatabasesToRead(services);
  const lists = await Promise.all(
    reads.map(async (each) => (await read(each.services)).filter((row) => each.holds(domainOf(row)))),
  );
  return lists.flat();
}

/** Descending order of two strings (ids that sort by time). */
export function compareDescending(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
