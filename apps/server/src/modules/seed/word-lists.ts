/** The vocabulary of generated catalogs: a department tree, product types, and the words names are made of. */

export interface CategoryNode {
  name: string;
  children?: CategoryNode[];
}

/** Three levels at most; every name is unique, as its slug must be. */
export const CATEGORY_TREE: CategoryNode[] = [
  {
    name: 'Kitchen & Dining',
    children: [
      { name: 'Cookware', children: [{ name: 'Pans' }, { name: 'Pots & Casseroles' }] },
      { name: 'Tableware', children: [{ name: 'Plates & Bowls' }, { name: 'Glassware' }, { name: 'Cutlery' }] },
      { name: 'Kitchen Tools' },
    ],
  },
  { name: 'Coffee & Tea', children: [{ name: 'Brewing' }, { name: 'Cups & Mugs' }, { name: 'Tea Accessories' }] },
  {
    name: 'Home & Living',
    children: [
      { name: 'Home Textiles', children: [{ name: 'Cushions' }, { name: 'Throws & Blankets' }, { name: 'Rugs' }] },
      { name: 'Lighting' },
      { name: 'Storage & Baskets' },
      { name: 'Decor' },
    ],
  },
  { name: 'Bath', children: [{ name: 'Towels' }, { name: 'Bath Accessories' }] },
  {
    name: 'Apparel',
    children: [
      { name: 'Tops', children: [{ name: 'T-Shirts' }, { name: 'Knitwear' }] },
      { name: 'Outerwear' },
      { name: 'Accessories', children: [{ name: 'Hats & Beanies' }, { name: 'Scarves' }, { name: 'Bags' }] },
    ],
  },
  { name: 'Stationery & Office', children: [{ name: 'Notebooks' }, { name: 'Writing Instruments' }, { name: 'Desk Accessories' }] },
  { name: 'Garden & Outdoor', children: [{ name: 'Garden Tools' }, { name: 'Planters' }, { name: 'Camping' }] },
];

const CLOTHING_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const SMALL_MEDIUM_LARGE = ['Small', 'Medium', 'Large', 'Extra Large'];

export interface ProductType {
  noun: string;
  /** A leaf of CATEGORY_TREE. */
  category: string;
  /** Values of the size option, smallest first; absent: the type has no sizes. */
  sizes?: string[];
  /** Whether variants differ by colour. */
  colours: boolean;
  /** Price range in minor units, before variant steps. */
  price: [number, number];
  weightGrams: [number, number];
  materials: string[];
}

const CERAMICS = ['Stoneware', 'Porcelain', 'Earthenware', 'Bone China'];
const TEXTILES = ['Linen', 'Organic Cotton', 'Wool', 'Cotton Twill', 'Recycled Cotton'];
const CLOTHING = ['Organic Cotton', 'Merino Wool', 'Linen', 'Recycled Polyester', 'Cotton Jersey'];
const WOODS = ['Oak', 'Walnut', 'Beech', 'Acacia', 'Bamboo'];
const METALS = ['Stainless Steel', 'Brass', 'Copper', 'Enamelled Steel', 'Aluminium'];

export const PRODUCT_TYPES: ProductType[] = [
  { noun: 'Frying Pan', category: 'Pans', sizes: ['20 cm', '24 cm', '28 cm', '32 cm'], colours: false, price: [2900, 8900], weightGrams: [900, 2400], materials: ['Cast Iron', 'Carbon Steel', 'Stainless Steel'] },
  { noun: 'Sauté Pan', category: 'Pans', sizes: ['24 cm', '28 cm', '32 cm'], colours: false, price: [4500, 11900], weightGrams: [1200, 2800], materials: ['Stainless Steel', 'Copper', 'Cast Iron'] },
  { noun: 'Casserole', category: 'Pots & Casseroles', sizes: ['2 l', '3.5 l', '5 l', '6.5 l'], colours: true, price: [5900, 18900], weightGrams: [2500, 6000], materials: ['Enamelled Cast Iron', 'Stoneware'] },
  { noun: 'Saucepan', category: 'Pots & Casseroles', sizes: ['14 cm', '16 cm', '18 cm', '20 cm'], colours: false, price: [2500, 7900], weightGrams: [700, 1600], materials: ['Stainless Steel', 'Copper', 'Enamelled Steel'] },
  { noun: 'Dinner Plate', category: 'Plates & Bowls', sizes: ['Single', 'Set of 4', 'Set of 6'], colours: true, price: [1200, 3900], weightGrams: [500, 800], materials: CERAMICS },
  { noun: 'Pasta Bowl', category: 'Plates & Bowls', sizes: ['Single', 'Set of 2', 'Set of 4'], colours: true, price: [1100, 3500], weightGrams: [450, 700], materials: CERAMICS },
  { noun: 'Serving Bowl', category: 'Plates & Bowls', sizes: SMALL_MEDIUM_LARGE, colours: true, price: [1900, 5900], weightGrams: [600, 1500], materials: [...CERAMICS, 'Olive Wood'] },
  { noun: 'Tumbler', category: 'Glassware', sizes: ['Set of 2', 'Set of 4', 'Set of 6'], colours: true, price: [1400, 3900], weightGrams: [400, 1200], materials: ['Recycled Glass', 'Borosilicate Glass', 'Crystal Glass'] },
  { noun: 'Carafe', category: 'Glassware', sizes: ['0.5 l', '1 l', '1.5 l'], colours: false, price: [1900, 4900], weightGrams: [400, 900], materials: ['Borosilicate Glass', 'Recycled Glass'] },
  { noun: 'Cutlery Set', category: 'Cutlery', sizes: ['16 pieces', '24 pieces', '30 pieces'], colours: true, price: [4900, 14900], weightGrams: [1200, 2800], materials: ['Stainless Steel', 'Brushed Steel'] },
  { noun: "Chef's Knife", category: 'Kitchen Tools', sizes: ['15 cm', '20 cm', '24 cm'], colours: false, price: [3900, 15900], weightGrams: [150, 300], materials: ['Damascus Steel', 'Carbon Steel', 'Stainless Steel'] },
  { noun: 'Cutting Board', category: 'Kitchen Tools', sizes: SMALL_MEDIUM_LARGE, colours: false, price: [1900, 6900], weightGrams: [600, 2500], materials: WOODS },
  { noun: 'Mixing Bowl', category: 'Kitchen Tools', sizes: ['1.5 l', '3 l', '5 l'], colours: true, price: [1500, 3900], weightGrams: [300, 1200], materials: [...METALS, 'Stoneware'] },
  { noun: 'Pour-Over Dripper', category: 'Brewing', colours: true, price: [1800, 4500], weightGrams: [250, 500], materials: ['Porcelain', 'Borosilicate Glass', 'Copper', 'Stoneware'] },
  { noun: 'French Press', category: 'Brewing', sizes: ['350 ml', '600 ml', '1 l'], colours: true, price: [2500, 6900], weightGrams: [450, 900], materials: ['Borosilicate Glass', 'Stainless Steel'] },
  { noun: 'Teapot', category: 'Brewing', sizes: ['0.6 l', '0.9 l', '1.2 l'], colours: true, price: [2400, 7900], weightGrams: [500, 1200], materials: ['Cast Iron', 'Porcelain', 'Stoneware', 'Borosilicate Glass'] },
  { noun: 'Coffee Grinder', category: 'Brewing', colours: true, price: [3900, 14900], weightGrams: [500, 1400], materials: ['Stainless Steel', 'Walnut', 'Aluminium'] },
  { noun: 'Mug', category: 'Cups & Mugs', sizes: ['250 ml', '350 ml', '450 ml'], colours: true, price: [900, 2400], weightGrams: [280, 420], materials: CERAMICS },
  { noun: 'Espresso Cup', category: 'Cups & Mugs', sizes: ['Single', 'Set of 2', 'Set of 4'], colours: true, price: [800, 2900], weightGrams: [120, 500], materials: CERAMICS },
  { noun: 'Travel Mug', category: 'Cups & Mugs', sizes: ['350 ml', '500 ml'], colours: true, price: [1900, 3900], weightGrams: [250, 400], materials: ['Stainless Steel', 'Bamboo Fibre'] },
  { noun: 'Tea Caddy', category: 'Tea Accessories', sizes: ['100 g', '200 g'], colours: true, price: [1200, 3200], weightGrams: [150, 350], materials: ['Tin', 'Copper', 'Cherry Wood'] },
  { noun: 'Tea Infuser', category: 'Tea Accessories', colours: false, price: [600, 1900], weightGrams: [40, 120], materials: ['Stainless Steel', 'Silicone', 'Porcelain'] },
  { noun: 'Cushion Cover', category: 'Cushions', sizes: ['40 × 40 cm', '50 × 50 cm', '60 × 60 cm'], colours: true, price: [1900, 4900], weightGrams: [150, 400], materials: TEXTILES },
  { noun: 'Floor Cushion', category: 'Cushions', sizes: ['60 cm', '80 cm'], colours: true, price: [4900, 9900], weightGrams: [1500, 3500], materials: TEXTILES },
  { noun: 'Throw', category: 'Throws & Blankets', sizes: ['130 × 170 cm', '150 × 200 cm'], colours: true, price: [4900, 14900], weightGrams: [700, 1800], materials: ['Merino Wool', 'Alpaca Wool', 'Linen', 'Organic Cotton'] },
  { noun: 'Rug', category: 'Rugs', sizes: ['80 × 150 cm', '160 × 230 cm', '200 × 300 cm'], colours: true, price: [7900, 39900], weightGrams: [2000, 12000], materials: ['Jute', 'Wool', 'Recycled Cotton'] },
  { noun: 'Table Lamp', category: 'Lighting', colours: true, price: [4900, 18900], weightGrams: [900, 3500], materials: ['Brass', 'Ceramic', 'Rattan', 'Oak'] },
  { noun: 'Pendant Light', category: 'Lighting', sizes: ['30 cm', '45 cm', '60 cm'], colours: true, price: [6900, 24900], weightGrams: [800, 3000], materials: ['Rattan', 'Aluminium', 'Linen', 'Glass'] },
  { noun: 'Candle Holder', category: 'Lighting', sizes: ['Single', 'Set of 3'], colours: true, price: [1200, 3900], weightGrams: [200, 900], materials: ['Brass', 'Cast Iron', 'Marble', 'Glass'] },
  { noun: 'Storage Basket', category: 'Storage & Baskets', sizes: SMALL_MEDIUM_LARGE, colours: false, price: [1900, 5900], weightGrams: [300, 1200], materials: ['Seagrass', 'Rattan', 'Jute', 'Felt'] },
  { noun: 'Wall Shelf', category: 'Storage & Baskets', sizes: ['60 cm', '90 cm', '120 cm'], colours: false, price: [3900, 12900], weightGrams: [2000, 6000], materials: WOODS },
  { noun: 'Vase', category: 'Decor', sizes: ['Small', 'Medium', 'Large'], colours: true, price: [1900, 8900], weightGrams: [400, 2500], materials: ['Stoneware', 'Recycled Glass', 'Terracotta', 'Porcelain'] },
  { noun: 'Wall Clock', category: 'Decor', sizes: ['30 cm', '40 cm'], colours: true, price: [3900, 11900], weightGrams: [600, 1500], materials: ['Oak', 'Brass', 'Aluminium'] },
  { noun: 'Bath Towel', category: 'Towels', sizes: ['Hand', 'Bath', 'Bath Sheet'], colours: true, price: [1200, 4900], weightGrams: [200, 1100], materials: ['Organic Cotton', 'Linen', 'Waffle Cotton', 'Turkish Cotton'] },
  { noun: 'Bath Mat', category: 'Towels', sizes: ['50 × 80 cm', '60 × 100 cm'], colours: true, price: [1900, 4900], weightGrams: [500, 1300], materials: ['Organic Cotton', 'Teak', 'Cotton Tufted'] },
  { noun: 'Soap Dish', category: 'Bath Accessories', colours: true, price: [800, 2500], weightGrams: [150, 400], materials: ['Stoneware', 'Marble', 'Olive Wood', 'Brass'] },
  { noun: 'Shower Curtain', category: 'Bath Accessories', sizes: ['180 × 200 cm', '240 × 200 cm'], colours: true, price: [2900, 6900], weightGrams: [500, 900], materials: ['Linen', 'Organic Cotton', 'Recycled Polyester'] },
  { noun: 'T-Shirt', category: 'T-Shirts', sizes: CLOTHING_SIZES, colours: true, price: [1900, 4500], weightGrams: [150, 250], materials: CLOTHING },
  { noun: 'Long-Sleeve Tee', category: 'T-Shirts', sizes: CLOTHING_SIZES, colours: true, price: [2500, 5500], weightGrams: [200, 320], materials: CLOTHING },
  { noun: 'Sweater', category: 'Knitwear', sizes: CLOTHING_SIZES, colours: true, price: [5900, 14900], weightGrams: [350, 700], materials: ['Merino Wool', 'Lambswool', 'Cashmere Blend', 'Organic Cotton'] },
  { noun: 'Cardigan', category: 'Knitwear', sizes: CLOTHING_SIZES, colours: true, price: [6900, 15900], weightGrams: [350, 700], materials: ['Merino Wool', 'Lambswool', 'Alpaca Wool'] },
  { noun: 'Rain Jacket', category: 'Outerwear', sizes: CLOTHING_SIZES, colours: true, price: [8900, 24900], weightGrams: [400, 900], materials: ['Recycled Nylon', 'Waxed Cotton', 'Ripstop Polyester'] },
  { noun: 'Quilted Vest', category: 'Outerwear', sizes: CLOTHING_SIZES, colours: true, price: [6900, 14900], weightGrams: [300, 600], materials: ['Recycled Nylon', 'Cotton Canvas'] },
  { noun: 'Beanie', category: 'Hats & Beanies', colours: true, price: [1900, 4500], weightGrams: [60, 150], materials: ['Merino Wool', 'Lambswool', 'Recycled Wool'] },
  { noun: 'Cap', category: 'Hats & Beanies', sizes: ['S/M', 'L/XL'], colours: true, price: [1900, 3900], weightGrams: [80, 150], materials: ['Cotton Twill', 'Waxed Cotton', 'Corduroy'] },
  { noun: 'Scarf', category: 'Scarves', colours: true, price: [2900, 8900], weightGrams: [100, 350], materials: ['Merino Wool', 'Linen', 'Cashmere Blend', 'Silk'] },
  { noun: 'Tote Bag', category: 'Bags', sizes: ['Standard', 'Large'], colours: true, price: [1500, 5900], weightGrams: [150, 600], materials: ['Cotton Canvas', 'Waxed Canvas', 'Leather', 'Jute'] },
  { noun: 'Backpack', category: 'Bags', sizes: ['15 l', '22 l', '30 l'], colours: true, price: [6900, 17900], weightGrams: [600, 1400], materials: ['Waxed Canvas', 'Recycled Nylon', 'Leather'] },
  { noun: 'Notebook', category: 'Notebooks', sizes: ['A6', 'A5', 'A4'], colours: true, price: [900, 2900], weightGrams: [100, 450], materials: ['Recycled Paper', 'Linen-Bound', 'Leather-Bound'] },
  { noun: 'Weekly Planner', category: 'Notebooks', sizes: ['A6', 'A5'], colours: true, price: [1500, 3500], weightGrams: [150, 400], materials: ['Recycled Paper', 'Linen-Bound'] },
  { noun: 'Fountain Pen', category: 'Writing Instruments', sizes: ['Fine', 'Medium', 'Broad'], colours: true, price: [2500, 12900], weightGrams: [20, 60], materials: ['Brass', 'Aluminium', 'Resin'] },
  { noun: 'Pencil Set', category: 'Writing Instruments', sizes: ['Set of 6', 'Set of 12', 'Set of 24'], colours: false, price: [700, 3500], weightGrams: [80, 400], materials: ['Cedar', 'Recycled Paper'] },
  { noun: 'Desk Organiser', category: 'Desk Accessories', colours: true, price: [1900, 5900], weightGrams: [400, 1500], materials: [...WOODS, 'Felt', 'Powder-Coated Steel'] },
  { noun: 'Desk Mat', category: 'Desk Accessories', sizes: ['60 × 30 cm', '80 × 40 cm', '100 × 50 cm'], colours: true, price: [2500, 6900], weightGrams: [300, 900], materials: ['Felt', 'Leather', 'Cork'] },
  { noun: 'Hand Trowel', category: 'Garden Tools', colours: false, price: [1200, 3500], weightGrams: [200, 450], materials: ['Stainless Steel', 'Carbon Steel', 'Copper'] },
  { noun: 'Watering Can', category: 'Garden Tools', sizes: ['1 l', '5 l', '9 l'], colours: true, price: [1900, 6900], weightGrams: [300, 1500], materials: ['Galvanised Steel', 'Powder-Coated Steel', 'Copper'] },
  { noun: 'Planter', category: 'Planters', sizes: ['12 cm', '18 cm', '25 cm', '35 cm'], colours: true, price: [1200, 7900], weightGrams: [400, 6000], materials: ['Terracotta', 'Stoneware', 'Concrete', 'Fibreclay'] },
  { noun: 'Camping Lantern', category: 'Camping', colours: true, price: [2900, 7900], weightGrams: [300, 900], materials: ['Aluminium', 'Powder-Coated Steel'] },
  { noun: 'Picnic Blanket', category: 'Camping', sizes: ['140 × 180 cm', '180 × 220 cm'], colours: true, price: [3500, 8900], weightGrams: [800, 1800], materials: ['Recycled Wool', 'Organic Cotton'] },
];

export const COLOURS = [
  'Black', 'Chalk White', 'Charcoal', 'Stone', 'Sand', 'Oat', 'Olive', 'Sage', 'Forest Green', 'Navy',
  'Ocean Blue', 'Rust', 'Terracotta', 'Mustard', 'Blush', 'Burgundy', 'Slate Grey', 'Natural',
];

export const ADJECTIVES = [
  'Classic', 'Everyday', 'Rustic', 'Nordic', 'Coastal', 'Heritage', 'Modern', 'Artisan', 'Essential', 'Signature',
  'Studio', 'Alpine', 'Harbour', 'Meadow', 'Urban', 'Vintage', 'Minimal', 'Handmade', 'Weekend', 'Field',
];

/** Collection (line) names that precede a product type: "Fjord Mug". */
export const COLLECTIONS = [
  'Fjord', 'Aster', 'Linde', 'Sable', 'Birch', 'Juniper', 'Marlow', 'Orla', 'Tova', 'Kestrel',
  'Ember', 'Solace', 'Halden', 'Wren', 'Maren', 'Cove', 'Elm', 'Thistle', 'Dune', 'Isla',
];

export const BRAND_STARTS = ['Nord', 'Hal', 'Ost', 'Bel', 'Mar', 'Lin', 'Sol', 'Berg', 'Wil', 'Kal', 'Tor', 'Ves', 'Ro', 'Ash', 'Fen', 'Gra', 'Lu', 'Mo', 'Tam', 'Vik'];
export const BRAND_ENDS = ['vik', 'den', 'ling', 'holm', 'stad', 'wood', 'mere', 'lund', 'ford', 'by', 'ton', 'dal', 'sen', 'ker', 'ham'];
export const BRAND_SUFFIXES = ['', '', '', ' & Co', ' Studio', ' Works', ' Atelier', ' Goods', ' Supply'];

export const ORIGINS = ['Portugal', 'Denmark', 'Italy', 'Japan', 'the Netherlands', 'Sweden', 'Spain', 'Lithuania', 'Germany', 'France'];

export const BENEFITS = [
  'made to be used every day',
  'finished by hand in small batches',
  'built to last for years',
  'easy to care for',
  'designed to age beautifully',
  'light, sturdy and easy to store',
  'a quiet classic for any home',
  'made from responsibly sourced materials',
];
