/** Word lists the catalogue is generated from. Changing them changes every seed's site: treat as data. */
export const CATEGORIES = [
  'Electronics', 'Home & Kitchen', 'Garden', 'Toys & Games', 'Sports', 'Books',
  'Beauty', 'Automotive', 'Office', 'Pet Supplies', 'Music', 'Outdoors',
] as const;

export const CATEGORY_CODES = ['EL', 'HK', 'GD', 'TG', 'SP', 'BK', 'BT', 'AU', 'OF', 'PS', 'MU', 'OD'] as const;

export const ADJECTIVES = [
  'Ergonomic', 'Compact', 'Deluxe', 'Rustic', 'Sleek', 'Portable', 'Heavy-Duty', 'Vintage', 'Smart', 'Foldable',
  'Wireless', 'Handcrafted', 'Lightweight', 'Premium', 'Classic', 'Modern', 'Waterproof', 'Adjustable', 'Eco', 'Rugged',
  'Minimalist', 'Insulated', 'Cordless', 'Stackable', 'Reversible', 'Ultra-Thin', 'Padded', 'Magnetic', 'Quiet', 'Retro',
] as const;

export const MATERIALS = [
  'Bamboo', 'Steel', 'Walnut', 'Ceramic', 'Cotton', 'Leather', 'Glass', 'Copper', 'Oak', 'Aluminium',
  'Wool', 'Linen', 'Granite', 'Silicone', 'Carbon', 'Cork', 'Brass', 'Marble', 'Canvas', 'Titanium',
] as const;

export const NOUNS = [
  'Desk Lamp', 'Cutting Board', 'Water Bottle', 'Backpack', 'Headphones', 'Coffee Grinder', 'Plant Pot', 'Chess Set',
  'Yoga Mat', 'Notebook', 'Phone Stand', 'Kettle', 'Bookshelf', 'Dog Leash', 'Guitar Strap', 'Tent', 'Wall Clock',
  'Bluetooth Speaker', 'Hair Dryer', 'Tool Kit', 'Office Chair', 'Frying Pan', 'Picnic Blanket', 'Bike Light',
  'Keyboard', 'Watering Can', 'Puzzle', 'Jump Rope', 'Mouse Pad', 'Tea Set', 'Camping Stove', 'Pillow', 'Sunglasses',
  'Travel Mug', 'Desk Organizer', 'Bird Feeder', 'Cat Tree', 'Phone Case', 'Hammock', 'Salad Bowl',
] as const;

export const BRANDS = [
  'Acme', 'Northwind', 'Smith & Sons', 'Blue Fjord', 'Kestrel', 'Orchard Lane', 'Vantage', 'Hollow Pine',
  'Lumen', 'Tidewater', 'Ironbark', 'Maple & Moss', 'Quarry', 'Solstice', 'Brightwell',
] as const;

export const COLORS = ['Black', 'White', 'Slate Grey', 'Forest Green', 'Navy', 'Crimson', 'Sand', 'Teal', 'Mustard', 'Charcoal'] as const;

export const ORIGINS = ['Portugal', 'Japan', 'Canada', 'Germany', 'Vietnam', 'Mexico', 'Poland', 'Italy', 'Taiwan', 'Sweden'] as const;

export const QUALITIES = [
  'durable', 'easy to clean', 'built to last', 'surprisingly light', 'gentle on the planet', 'a joy to use',
  'quiet in operation', 'made for daily use', 'tested by our team', 'backed by a friendly warranty',
] as const;

export const SENTENCES = [
  'Designed for people who care about the details, it fits neatly into any routine.',
  'Every unit is inspected by hand before it leaves our workshop.',
  'The finish resists scratches, stains and the occasional accident.',
  'Pair it with other pieces from the collection for a consistent look.',
  'Customers keep telling us it is the best purchase they made this year.',
  'It ships in recyclable packaging with no single-use plastics.',
  'Care instructions are printed on a small card included in the box.',
  'Replacement parts are available for at least five years after purchase.',
  'A thoughtful gift for birthdays, housewarmings and holidays alike.',
  'The proportions were refined over a dozen prototypes until they felt right.',
  'Assembly takes less than ten minutes and needs no extra tools.',
  'Our support team answers questions seven days a week.',
  'The colour may vary slightly from the photos because of natural materials.',
  'It performs just as well in a small flat as in a busy family home.',
  'We offer free returns within thirty days if it is not right for you.',
] as const;

/** Filler for the page chrome: nav labels, footer columns, promo copy. */
export const NAV_LINKS = [
  'New Arrivals', 'Best Sellers', 'Deals', 'Gift Cards', 'Clearance', 'Brands', 'Outlet', 'Customer Service',
  'Track Order', 'Registry', 'Membership', 'Stores', 'Blog', 'Careers',
] as const;

export const FOOTER_COLUMNS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Shop', ['All Products', 'New Arrivals', 'Best Sellers', 'Deals of the Day', 'Gift Cards', 'Refurbished', 'Clearance']],
  ['Help', ['Contact Us', 'Shipping', 'Returns & Exchanges', 'Order Status', 'Size Guide', 'Product Recalls', 'Accessibility']],
  ['Company', ['About Us', 'Careers', 'Press', 'Sustainability', 'Affiliates', 'Investors', 'Store Locator']],
  ['Legal', ['Terms of Service', 'Privacy Policy', 'Cookie Settings', 'Do Not Sell My Info', 'Imprint', 'Sitemap']],
];
