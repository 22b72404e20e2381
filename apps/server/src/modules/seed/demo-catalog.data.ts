/**
 * The demo store's catalog, written by hand: a small homeware shop whose
 * products, prices and stock look like a real one's. Prices in cents (EUR).
 */

export interface DemoVariant {
  /** Option values; empty for a product without options. */
  options: Record<string, string>;
  price: number;
  compareAt?: number;
  stock: number;
}

export interface DemoProduct {
  name: string;
  category: string;
  brand: string;
  description: string;
  featured?: boolean;
  tags: string[];
  attributes: Record<string, string>;
  /** Background of the generated product image. */
  colour: string;
  variants: DemoVariant[];
}

export const DEMO_CATEGORIES: Array<{ name: string; parent: string | null; description: string }> = [
  { name: 'Kitchen', parent: null, description: 'Cookware, tableware and the tools of a well-used kitchen.' },
  { name: 'Cookware', parent: 'Kitchen', description: 'Pans and pots that last.' },
  { name: 'Tableware', parent: 'Kitchen', description: 'Plates, bowls and glasses for every day.' },
  { name: 'Kitchen Tools', parent: 'Kitchen', description: 'Knives, boards and utensils.' },
  { name: 'Coffee & Tea', parent: null, description: 'Everything for a good cup.' },
  { name: 'Brewing', parent: 'Coffee & Tea', description: 'Drippers, presses, kettles and grinders.' },
  { name: 'Cups & Mugs', parent: 'Coffee & Tea', description: 'Something to drink it from.' },
  { name: 'Beans & Leaves', parent: 'Coffee & Tea', description: 'Freshly roasted coffee and loose-leaf tea.' },
  { name: 'Textiles', parent: null, description: 'Linen and cotton for the kitchen and the living room.' },
  { name: 'Kitchen Linen', parent: 'Textiles', description: 'Tea towels, aprons and napkins.' },
  { name: 'Cushions & Throws', parent: 'Textiles', description: 'Soft things for the sofa.' },
  { name: 'Stationery', parent: null, description: 'Paper goods and writing tools.' },
  { name: 'Notebooks', parent: 'Stationery', description: 'Notebooks, planners and sketchbooks.' },
  { name: 'Pens & Pencils', parent: 'Stationery', description: 'Things to write with.' },
];

export const DEMO_BRANDS = ['Halden Ceramics', 'Ferro & Sons', 'Mokka Roasters', 'Linnea Textiles', 'Papier Atelier', 'Northfield Goods', 'Kettle & Leaf'];

const sizes = (names: string[], prices: number[], stock: number[], colour?: string): DemoVariant[] =>
  names.map((size, i): DemoVariant => ({ options: colour ? { size, colour } : { size }, price: prices[i]!, stock: stock[i]! }));
const colours = (names: string[], price: number, stock: number[], compareAt?: number): DemoVariant[] =>
  names.map((colour, i) => ({ options: { colour }, price, stock: stock[i]!, ...(compareAt ? { compareAt } : {}) }));
const single = (price: number, stock: number, compareAt?: number): DemoVariant[] => [{ options: {}, price, stock, ...(compareAt ? { compareAt } : {}) }];

export const DEMO_PRODUCTS: DemoProduct[] = [
  // Kitchen: cookware
  { name: 'Cast Iron Skillet', category: 'Cookware', brand: 'Ferro & Sons', colour: '#3b3b3b', featured: true, tags: ['cast-iron', 'bestseller'], attributes: { material: 'Cast iron', origin: 'Portugal' },
    description: '<p>Pre-seasoned cast iron that goes from hob to oven to table. Gets better with every use.</p>', variants: sizes(['20 cm', '26 cm', '30 cm'], [3495, 4495, 5495], [18, 32, 9]) },
  { name: 'Carbon Steel Wok', category: 'Cookware', brand: 'Ferro & Sons', colour: '#4a4238', tags: ['carbon-steel'], attributes: { material: 'Carbon steel', origin: 'Portugal' },
    description: '<p>Light, fast to heat and made for high-heat cooking. Beech handle.</p>', variants: sizes(['30 cm', '36 cm'], [3995, 4795], [14, 3]) },
  { name: 'Enamel Casserole', category: 'Cookware', brand: 'Ferro & Sons', colour: '#b5533c', featured: true, tags: ['enamel', 'oven-safe'], attributes: { material: 'Enamelled cast iron', origin: 'France' },
    description: '<p>A heavy casserole for stews, bread and slow Sunday roasts. Holds heat for hours.</p>',
    variants: [{ options: { size: '3.5 l', colour: 'Terracotta' }, price: 12900, compareAt: 15900, stock: 6 }, { options: { size: '3.5 l', colour: 'Sage' }, price: 12900, compareAt: 15900, stock: 4 }, { options: { size: '5 l', colour: 'Terracotta' }, price: 15900, compareAt: 18900, stock: 0 }, { options: { size: '5 l', colour: 'Sage' }, price: 15900, compareAt: 18900, stock: 2 }] },
  { name: 'Copper Saucepan', category: 'Cookware', brand: 'Ferro & Sons', colour: '#b87333', tags: ['copper'], attributes: { material: 'Copper, tin-lined', origin: 'France' },
    description: '<p>Precise heat for sauces and custards. Hand-hammered, with a cast iron handle.</p>', variants: sizes(['14 cm', '18 cm'], [8900, 10900], [5, 3]) },
  { name: 'Stainless Stock Pot', category: 'Cookware', brand: 'Ferro & Sons', colour: '#9aa1a6', tags: ['stainless-steel'], attributes: { material: 'Stainless steel', origin: 'Italy' },
    description: '<p>A tall pot for stock, pasta and batch cooking, with a thick sandwich base.</p>', variants: sizes(['6 l', '9 l'], [5495, 6995], [21, 11]) },
  // Kitchen: tableware
  { name: 'Stoneware Dinner Plate', category: 'Tableware', brand: 'Halden Ceramics', colour: '#d8d2c4', featured: true, tags: ['stoneware', 'dishwasher-safe'], attributes: { material: 'Stoneware', origin: 'Portugal' },
    description: '<p>Reactive glaze, so no two plates are quite alike. 27 cm across.</p>', variants: colours(['Chalk', 'Moss', 'Slate'], 1895, [64, 40, 27]) },
  { name: 'Speckled Pasta Bowl', category: 'Tableware', brand: 'Halden Ceramics', colour: '#c9bfae', tags: ['stoneware'], attributes: { material: 'Stoneware', origin: 'Portugal' },
    description: '<p>Wide and shallow, for pasta, salads and risotto.</p>', variants: colours(['Oat', 'Ink'], 1695, [48, 35]) },
  { name: 'Porcelain Side Plate', category: 'Tableware', brand: 'Halden Ceramics', colour: '#eeeae2', tags: ['porcelain'], attributes: { material: 'Porcelain', origin: 'Germany' },
    description: '<p>Thin, bright white porcelain with an unglazed rim. 20 cm.</p>', variants: sizes(['Single', 'Set of 4'], [1295, 4595], [80, 15]) },
  { name: 'Recycled Glass Tumbler', category: 'Tableware', brand: 'Northfield Goods', colour: '#8fb3a6', tags: ['glass', 'recycled'], attributes: { material: 'Recycled glass', origin: 'Spain' },
    description: '<p>Blown from recycled bottle glass, with a faint green tint and the odd bubble.</p>', variants: sizes(['Set of 2', 'Set of 6'], [1495, 3995], [55, 4]) },
  { name: 'Olive Wood Serving Bowl', category: 'Tableware', brand: 'Northfield Goods', colour: '#8a6a45', tags: ['wood'], attributes: { material: 'Olive wood', origin: 'Tunisia' },
    description: '<p>Turned from a single piece of olive wood. Oil it now and then.</p>', variants: sizes(['Small', 'Large'], [2995, 4995], [12, 7]) },
  { name: 'Linen Napkins', category: 'Kitchen Linen', brand: 'Linnea Textiles', colour: '#b9a58c', tags: ['linen'], attributes: { material: 'Stonewashed linen', origin: 'Lithuania' },
    description: '<p>Soft, stonewashed linen napkins, set of four. 45 × 45 cm.</p>', variants: colours(['Natural', 'Rust', 'Charcoal'], 2495, [30, 18, 22]) },
  // Kitchen: tools
  { name: 'Damascus Chef Knife', category: 'Kitchen Tools', brand: 'Ferro & Sons', colour: '#5a5f66', featured: true, tags: ['knife', 'gift'], attributes: { material: 'Damascus steel, walnut', origin: 'Japan' },
    description: '<p>Sixty-seven layers of steel around a hard core, with a walnut handle. 20 cm blade.</p>', variants: single(14900, 5, 17900) },
  { name: 'Oak Cutting Board', category: 'Kitchen Tools', brand: 'Northfield Goods', colour: '#a9825a', tags: ['wood'], attributes: { material: 'European oak', origin: 'Denmark' },
    description: '<p>End-grain oak, kind to knife edges. Juice groove on one side.</p>', variants: sizes(['Medium', 'Large'], [4495, 6495], [16, 8]) },
  { name: 'Beech Utensil Set', category: 'Kitchen Tools', brand: 'Northfield Goods', colour: '#d2b48c', tags: ['wood', 'set'], attributes: { material: 'Beech', origin: 'Germany' },
    description: '<p>Spoon, spatula and turner in oiled beech. Five pieces.</p>', variants: single(2495, 42) },
  { name: 'Brass Measuring Spoons', category: 'Kitchen Tools', brand: 'Ferro & Sons', colour: '#c9a84c', tags: ['brass', 'baking'], attributes: { material: 'Brass', origin: 'India' },
    description: '<p>Four spoons on a ring, from a quarter teaspoon to a tablespoon.</p>', variants: single(1895, 0) },
  { name: 'Stoneware Mixing Bowl', category: 'Kitchen Tools', brand: 'Halden Ceramics', colour: '#e0d6c2', tags: ['stoneware', 'baking'], attributes: { material: 'Stoneware', origin: 'Portugal' },
    description: '<p>A heavy bowl that stays put while you whisk, with a pouring lip.</p>', variants: sizes(['2 l', '4 l'], [2995, 3995], [13, 2]) },
  // Coffee & tea: brewing
  { name: 'Ceramic Pour-Over Dripper', category: 'Brewing', brand: 'Halden Ceramics', colour: '#f1ece3', featured: true, tags: ['pour-over', 'bestseller'], attributes: { material: 'Porcelain', origin: 'Japan' },
    description: '<p>Spiral ribs for an even, clean cup. Fits most mugs and carafes; takes size 02 filters.</p>', variants: colours(['White', 'Black', 'Clay'], 2995, [44, 31, 3]) },
  { name: 'Glass Coffee Carafe', category: 'Brewing', brand: 'Kettle & Leaf', colour: '#a9c6cf', tags: ['glass', 'pour-over'], attributes: { material: 'Borosilicate glass', origin: 'Czechia' },
    description: '<p>Heat-proof glass server with volume marks. Pairs with the pour-over dripper.</p>', variants: sizes(['600 ml', '800 ml'], [2495, 2795], [26, 19]) },
  { name: 'Gooseneck Kettle', category: 'Brewing', brand: 'Kettle & Leaf', colour: '#2f3437', featured: true, tags: ['kettle', 'pour-over'], attributes: { material: 'Stainless steel', origin: 'Taiwan' },
    description: '<p>A slow, steady pour for filter coffee. Built-in thermometer; works on induction.</p>', variants: colours(['Matte Black', 'Brushed Steel'], 5995, [9, 0], 6995) },
  { name: 'Hand Coffee Grinder', category: 'Brewing', brand: 'Mokka Roasters', colour: '#6b4f3a', tags: ['grinder'], attributes: { material: 'Stainless steel burrs, walnut', origin: 'Germany' },
    description: '<p>Conical steel burrs with 40 clicks of adjustment, from espresso to French press.</p>', variants: single(7995, 7) },
  { name: 'French Press', category: 'Brewing', brand: 'Kettle & Leaf', colour: '#8c8c7a', tags: ['french-press'], attributes: { material: 'Borosilicate glass, steel', origin: 'Portugal' },
    description: '<p>Four minutes, one press. Double mesh filter for a clean cup.</p>', variants: sizes(['350 ml', '1 l'], [2995, 3995], [22, 17]) },
  { name: 'Cast Iron Teapot', category: 'Brewing', brand: 'Kettle & Leaf', colour: '#3e4a3d', tags: ['tea', 'cast-iron'], attributes: { material: 'Cast iron, enamelled inside', origin: 'Japan' },
    description: '<p>Keeps tea hot for a long time. Removable steel infuser.</p>', variants: sizes(['0.6 l', '1.2 l'], [4995, 6495], [6, 1]) },
  { name: 'Stovetop Espresso Maker', category: 'Brewing', brand: 'Mokka Roasters', colour: '#a7a9ac', tags: ['espresso'], attributes: { material: 'Aluminium', origin: 'Italy' },
    description: '<p>The classic eight-sided moka pot. Strong coffee on any hob but induction.</p>', variants: sizes(['3 cups', '6 cups'], [3495, 4295], [28, 20]) },
  // Coffee & tea: cups
  { name: 'Handmade Stoneware Mug', category: 'Cups & Mugs', brand: 'Halden Ceramics', colour: '#7d8f7a', featured: true, tags: ['stoneware', 'bestseller'], attributes: { material: 'Stoneware', origin: 'Portugal' },
    description: '<p>Thrown by hand, dipped in a soft satin glaze. Holds 350 ml.</p>', variants: colours(['Sage', 'Sand', 'Ink', 'Rust'], 2295, [37, 52, 4, 19]) },
  { name: 'Espresso Cup & Saucer', category: 'Cups & Mugs', brand: 'Halden Ceramics', colour: '#e8e2d6', tags: ['porcelain', 'espresso'], attributes: { material: 'Porcelain', origin: 'Germany' },
    description: '<p>Thick-walled to keep a double shot warm. 90 ml.</p>', variants: sizes(['Single', 'Set of 4'], [1495, 4995], [60, 12]) },
  { name: 'Double-Wall Glass Cup', category: 'Cups & Mugs', brand: 'Kettle & Leaf', colour: '#cfe0e3', tags: ['glass'], attributes: { material: 'Borosilicate glass', origin: 'Czechia' },
    description: '<p>The drink seems to float. Cool to hold, set of two.</p>', variants: sizes(['80 ml', '250 ml'], [1995, 2495], [33, 27]) },
  { name: 'Insulated Travel Mug', category: 'Cups & Mugs', brand: 'Northfield Goods', colour: '#36454f', tags: ['travel'], attributes: { material: 'Stainless steel', origin: 'China' },
    description: '<p>Hot for six hours, leak-proof lid, fits car cup holders. 400 ml.</p>', variants: colours(['Charcoal', 'Forest', 'Sand'], 2995, [41, 16, 0], 3495) },
  { name: 'Enamel Camp Mug', category: 'Cups & Mugs', brand: 'Northfield Goods', colour: '#f4f1ea', tags: ['enamel', 'outdoor'], attributes: { material: 'Enamelled steel', origin: 'Poland' },
    description: '<p>White enamel with a navy rim. Tough enough for the campsite.</p>', variants: single(1295, 75) },
  // Coffee & tea: beans and leaves
  { name: 'House Espresso Blend', category: 'Beans & Leaves', brand: 'Mokka Roasters', colour: '#4b2e1e', featured: true, tags: ['coffee', 'espresso', 'bestseller'], attributes: { origin: 'Brazil and Ethiopia', roast: 'Medium-dark' },
    description: '<p>Chocolate, hazelnut and a little red fruit. Roasted every Tuesday.</p>', variants: [{ options: { size: '250 g', grind: 'Whole bean' }, price: 1195, stock: 120 }, { options: { size: '250 g', grind: 'Espresso' }, price: 1195, stock: 64 }, { options: { size: '1 kg', grind: 'Whole bean' }, price: 3995, stock: 38 }, { options: { size: '1 kg', grind: 'Espresso' }, price: 3995, stock: 5 }] },
  { name: 'Ethiopia Yirgacheffe Filter Roast', category: 'Beans & Leaves', brand: 'Mokka Roasters', colour: '#7a4b2a', tags: ['coffee', 'single-origin'], attributes: { origin: 'Ethiopia', roast: 'Light' },
    description: '<p>Jasmine, bergamot and peach. A bright coffee for pour-over.</p>', variants: sizes(['250 g', '1 kg'], [1495, 4995], [46, 9]) },
  { name: 'Colombia Huila Decaf', category: 'Beans & Leaves', brand: 'Mokka Roasters', colour: '#5e3b24', tags: ['coffee', 'decaf'], attributes: { origin: 'Colombia', roast: 'Medium' },
    description: '<p>Sugar-cane decaffeinated; caramel and red apple, and a good night’s sleep.</p>', variants: sizes(['250 g'], [1395], [2]) },
  { name: 'Sencha Green Tea', category: 'Beans & Leaves', brand: 'Kettle & Leaf', colour: '#7f9b4d', tags: ['tea', 'green-tea'], attributes: { origin: 'Japan', type: 'Green tea' },
    description: '<p>Steamed Japanese green tea: grassy, sweet and fresh. Brew at 70 °C.</p>', variants: sizes(['50 g', '100 g'], [895, 1595], [58, 30]) },
  { name: 'Earl Grey Loose Leaf', category: 'Beans & Leaves', brand: 'Kettle & Leaf', colour: '#5b4a6b', tags: ['tea', 'black-tea'], attributes: { origin: 'Sri Lanka', type: 'Black tea' },
    description: '<p>Ceylon black tea with cold-pressed bergamot oil and blue cornflowers.</p>', variants: sizes(['100 g', '250 g'], [995, 2095], [70, 0]) },
  { name: 'Chamomile Herbal Infusion', category: 'Beans & Leaves', brand: 'Kettle & Leaf', colour: '#e1c16e', tags: ['tea', 'herbal'], attributes: { origin: 'Egypt', type: 'Herbal' },
    description: '<p>Whole chamomile flowers, honeyed and calm. Caffeine free.</p>', variants: single(795, 44) },
  // Textiles: kitchen linen
  { name: 'Waffle Tea Towel', category: 'Kitchen Linen', brand: 'Linnea Textiles', colour: '#c2cbb8', tags: ['cotton'], attributes: { material: 'Organic cotton', origin: 'Portugal' },
    description: '<p>Thirsty waffle weave that dries glasses without lint. Set of two.</p>', variants: colours(['Sage', 'Oat', 'Navy'], 1495, [40, 55, 12]) },
  { name: 'Linen Apron', category: 'Kitchen Linen', brand: 'Linnea Textiles', colour: '#8d7b68', featured: true, tags: ['linen'], attributes: { material: 'Heavy linen', origin: 'Lithuania' },
    description: '<p>Cross-back straps that spare your neck, and two deep pockets.</p>', variants: colours(['Natural', 'Charcoal', 'Rust'], 3995, [17, 21, 3], 4995) },
  { name: 'Striped Linen Tablecloth', category: 'Kitchen Linen', brand: 'Linnea Textiles', colour: '#b7c4cf', tags: ['linen'], attributes: { material: 'Linen', origin: 'Lithuania' },
    description: '<p>Washed linen with a thin blue stripe. Softer with every wash.</p>', variants: sizes(['140 × 200 cm', '140 × 250 cm'], [6995, 7995], [8, 5]) },
  { name: 'Quilted Oven Glove', category: 'Kitchen Linen', brand: 'Linnea Textiles', colour: '#6d7f8c', tags: ['cotton'], attributes: { material: 'Cotton canvas', origin: 'Portugal' },
    description: '<p>Double oven glove with heat-proof quilting.</p>', variants: single(1995, 26) },
  // Textiles: cushions and throws
  { name: 'Merino Wool Throw', category: 'Cushions & Throws', brand: 'Linnea Textiles', colour: '#a39382', featured: true, tags: ['wool', 'gift'], attributes: { material: 'Merino wool', origin: 'Scotland' },
    description: '<p>Fine merino, light enough for summer evenings and warm enough for winter. 130 × 180 cm.</p>', variants: colours(['Oatmeal', 'Slate', 'Moss'], 11900, [7, 5, 2], 13900) },
  { name: 'Linen Cushion Cover', category: 'Cushions & Throws', brand: 'Linnea Textiles', colour: '#d1b89b', tags: ['linen'], attributes: { material: 'Linen', origin: 'Lithuania' },
    description: '<p>Envelope back, no zip to snag. Insert sold separately.</p>',
    variants: [{ options: { size: '50 × 50 cm', colour: 'Natural' }, price: 2995, stock: 34 }, { options: { size: '50 × 50 cm', colour: 'Terracotta' }, price: 2995, stock: 19 }, { options: { size: '60 × 60 cm', colour: 'Natural' }, price: 3495, stock: 11 }, { options: { size: '60 × 60 cm', colour: 'Terracotta' }, price: 3495, stock: 0 }] },
  { name: 'Chunky Knit Blanket', category: 'Cushions & Throws', brand: 'Northfield Goods', colour: '#e5ded2', tags: ['cotton', 'knit'], attributes: { material: 'Recycled cotton', origin: 'Portugal' },
    description: '<p>A heavy, loose-knit blanket made from recycled cotton yarn.</p>', variants: single(8995, 4) },
  { name: 'Feather Cushion Insert', category: 'Cushions & Throws', brand: 'Linnea Textiles', colour: '#f5f5f0', tags: ['insert'], attributes: { material: 'Duck feather, cotton cover', origin: 'Germany' },
    description: '<p>Plump, responsible-down insert for our cushion covers.</p>', variants: sizes(['50 × 50 cm', '60 × 60 cm'], [1495, 1895], [60, 38]) },
  // Stationery: notebooks
  { name: 'Linen-Bound Notebook', category: 'Notebooks', brand: 'Papier Atelier', colour: '#4f6d7a', featured: true, tags: ['notebook', 'gift'], attributes: { material: 'Linen cover, 100 gsm paper', origin: 'Italy' },
    description: '<p>Lay-flat binding, 192 numbered pages of cream paper that fountain pens love.</p>',
    variants: [{ options: { size: 'A5', ruling: 'Dotted' }, price: 2295, stock: 48 }, { options: { size: 'A5', ruling: 'Lined' }, price: 2295, stock: 36 }, { options: { size: 'A5', ruling: 'Plain' }, price: 2295, stock: 5 }] },
  { name: 'Pocket Notebook Trio', category: 'Notebooks', brand: 'Papier Atelier', colour: '#c7a27c', tags: ['notebook'], attributes: { material: 'Recycled kraft, 80 gsm paper', origin: 'Germany' },
    description: '<p>Three slim A6 notebooks with kraft covers: grid, lined and plain.</p>', variants: single(1195, 90) },
  { name: 'Undated Weekly Planner', category: 'Notebooks', brand: 'Papier Atelier', colour: '#9c6b5e', tags: ['planner'], attributes: { material: 'Cloth cover', origin: 'Italy' },
    description: '<p>Fifty-two weeks that start whenever you do, with monthly overviews.</p>', variants: colours(['Clay', 'Forest'], 2695, [14, 0], 2995) },
  { name: 'Watercolour Sketchbook', category: 'Notebooks', brand: 'Papier Atelier', colour: '#dcd3c0', tags: ['sketchbook', 'art'], attributes: { material: '300 gsm cold-press paper', origin: 'France' },
    description: '<p>Cotton-rich paper that takes washes without buckling. 24 sheets.</p>', variants: sizes(['A5', 'A4'], [2495, 3495], [10, 6]) },
  // Stationery: pens and pencils
  { name: 'Brass Fountain Pen', category: 'Pens & Pencils', brand: 'Papier Atelier', colour: '#b08d57', featured: true, tags: ['fountain-pen', 'gift'], attributes: { material: 'Solid brass', origin: 'Germany' },
    description: '<p>A pocket pen that patinas with use. Steel nib; takes standard international cartridges.</p>', variants: sizes(['Fine', 'Medium'], [5995, 5995], [8, 12]) },
  { name: 'Cedar Pencil Set', category: 'Pens & Pencils', brand: 'Papier Atelier', colour: '#7b5e3b', tags: ['pencil'], attributes: { material: 'Incense cedar', origin: 'Japan' },
    description: '<p>Twelve pencils from 4H to 8B in a tin case.</p>', variants: single(1495, 55) },
  { name: 'Gel Ink Pen Refills', category: 'Pens & Pencils', brand: 'Papier Atelier', colour: '#22313f', tags: ['refill'], attributes: { material: 'Gel ink', origin: 'Japan' },
    description: '<p>Smooth 0.5 mm refills, pack of five.</p>', variants: colours(['Black', 'Blue'], 695, [140, 85]) },
  { name: 'Walnut Desk Tray', category: 'Pens & Pencils', brand: 'Northfield Goods', colour: '#5c4033', tags: ['desk', 'wood'], attributes: { material: 'Walnut', origin: 'Denmark' },
    description: '<p>Carved from solid walnut to keep pens, clips and keys in one place.</p>', variants: single(3995, 1) },
];
