import { intBetween, mixSeed, mulberry32, pick } from './prng.ts';
import { ADJECTIVES, BRANDS, CATEGORIES, CATEGORY_CODES, COLORS, MATERIALS, NOUNS, ORIGINS, QUALITIES, SENTENCES } from './vocabulary.ts';

export interface Item {
  id: number;
  title: string;
  /** e.g. 1299.99 */
  price: number;
  /** As shown on the page, e.g. "$1,299.99". */
  priceText: string;
  /** 1 to 5 in half steps. */
  rating: number;
  category: string;
  /** Absolute URL of the detail page. */
  url: string;
  sku: string;
}

export interface ItemDetail extends Item {
  description: string;
  stock: number;
  specs: Array<{ name: string; value: string }>;
}

/** What the site serves, known in advance: tests compare extracted rows with this exactly. */
export interface GroundTruth {
  pages: number;
  itemsPerPage: number;
  /** Items of listing page `page` (1-based), in page order. */
  listing(page: number): Item[];
  item(id: number): ItemDetail;
  /** Every item, in page order. */
  allItems(): Item[];
}

/** An item plus what the pages show around it (not part of the ground truth). */
export interface CatalogItem extends Item {
  brand: string;
  material: string;
  /** First sentence of the description, shown on listing pages. */
  summary: string;
}

export interface Catalog {
  truth: GroundTruth;
  totalItems: number;
  /** Item with page extras, or undefined when the id is out of range. */
  get(id: number): CatalogItem | undefined;
  detail(id: number): ItemDetail | undefined;
}

/** 1234567 -> "1,234,567" (en-US grouping without the cost of Intl on the hot path). */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 129999 cents -> "$1,299.99" */
export function formatPrice(cents: number): string {
  const rest = String(cents % 100).padStart(2, '0');
  return `$${groupThousands(Math.floor(cents / 100))}.${rest}`;
}

const CENT_ENDINGS = [99, 99, 95, 49, 0, 50, 89] as const;

function generateItem(seed: number, id: number, baseUrl: string): CatalogItem {
  const rng = mulberry32(mixSeed(seed, id, 1));
  const adjective = pick(rng, ADJECTIVES);
  const material = pick(rng, MATERIALS);
  const noun = pick(rng, NOUNS);
  const brand = pick(rng, BRANDS);
  const brandInTitle = rng() < 0.25;
  const categoryIndex = Math.floor(rng() * CATEGORIES.length);
  const dollars = Math.floor(10 ** (0.3 + rng() * 3.17));
  const cents = dollars * 100 + (rng() < 0.8 ? pick(rng, CENT_ENDINGS) : intBetween(rng, 0, 99));
  const rating = intBetween(rng, 2, 10) / 2;
  const suffix = String.fromCharCode(65 + intBetween(rng, 0, 25), 65 + intBetween(rng, 0, 25));
  const title = `${brandInTitle ? `${brand} ` : ''}${adjective} ${material} ${noun}`;
  const rng2 = mulberry32(mixSeed(seed, id, 2));
  const summary = `The ${title} is ${pick(rng2, QUALITIES)} and ${pick(rng2, QUALITIES)}.`;
  return {
    id,
    title,
    price: cents / 100,
    priceText: formatPrice(cents),
    rating,
    category: CATEGORIES[categoryIndex] as string,
    url: `${baseUrl}/item/${id}`,
    sku: `${CATEGORY_CODES[categoryIndex]}-${id.toString(36).toUpperCase().padStart(5, '0')}-${suffix}`,
    brand,
    material,
    summary,
  };
}

function toItem(c: CatalogItem): Item {
  return { id: c.id, title: c.title, price: c.price, priceText: c.priceText, rating: c.rating, category: c.category, url: c.url, sku: c.sku };
}

function generateDetail(seed: number, item: CatalogItem): ItemDetail {
  const rng = mulberry32(mixSeed(seed, item.id, 3));
  const sentences = [item.summary];
  const count = intBetween(rng, 2, 4);
  let start = Math.floor(rng() * SENTENCES.length);
  for (let i = 0; i < count; i++) sentences.push(SENTENCES[(start++) % SENTENCES.length] as string);
  const specs = [
    { name: 'Brand', value: item.brand },
    { name: 'Colour', value: pick(rng, COLORS) },
    { name: 'Material', value: item.material },
    { name: 'Weight', value: `${(intBetween(rng, 15, 1200) / 100).toFixed(2)} kg` },
    { name: 'Dimensions', value: `${intBetween(rng, 5, 120)} × ${intBetween(rng, 5, 80)} × ${intBetween(rng, 2, 60)} cm` },
  ];
  if (rng() < 0.6) specs.push({ name: 'Warranty', value: `${intBetween(rng, 1, 5)} years` });
  if (rng() < 0.5) specs.push({ name: 'Made in', value: pick(rng, ORIGINS) });
  const stock = rng() < 0.1 ? 0 : intBetween(rng, 1, 250);
  return { ...toItem(item), description: sentences.join(' '), stock, specs };
}

export function createCatalog(opts: { seed: number; pages: number; itemsPerPage: number; baseUrl: string }): Catalog {
  const { seed, pages, itemsPerPage, baseUrl } = opts;
  const totalItems = pages * itemsPerPage;
  const get = (id: number): CatalogItem | undefined =>
    Number.isInteger(id) && id >= 1 && id <= totalItems ? generateItem(seed, id, baseUrl) : undefined;
  const truth: GroundTruth = {
    pages,
    itemsPerPage,
    listing(page) {
      if (!Number.isInteger(page) || page < 1 || page > pages) throw new RangeError(`listing page ${page} is outside 1..${pages}`);
      const items: Item[] = [];
      for (let id = (page - 1) * itemsPerPage + 1; id <= page * itemsPerPage; id++) items.push(toItem(generateItem(seed, id, baseUrl)));
      return items;
    },
    item(id) {
      const c = get(id);
      if (!c) throw new RangeError(`item ${id} is outside 1..${totalItems}`);
      return generateDetail(seed, c);
    },
    allItems() {
      const items: Item[] = [];
      for (let id = 1; id <= totalItems; id++) items.push(toItem(generateItem(seed, id, baseUrl)));
      return items;
    },
  };
  return {
    truth,
    totalItems,
    get,
    detail: (id) => {
      const c = get(id);
      return c && generateDetail(seed, c);
    },
  };
}
