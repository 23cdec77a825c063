import { type RgbaImage } from './encodePng.ts';

type Rgba = [number, number, number, number];

/** Coverage of a pixel by a shape, sampled 4x4 so edges are smooth at 32 pixels too. */
function paint(image: RgbaImage, colour: Rgba, inside: (x: number, y: number) => boolean): void {
  const { width, height, pixels } = image;
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++)
          if (inside((px + (sx + 0.5) / 4) / width, (py + (sy + 0.5) / 4) / height)) hits++;
      if (hits === 0) continue;
      const a = (colour[3] / 255) * (hits / 16);
      const i = (py * width + px) * 4;
      const under = pixels[i + 3] / 255;
      const outA = a + under * (1 - a);
      for (let c = 0; c < 3; c++)
        pixels[i + c] = Math.round((colour[c] * a + pixels[i + c] * under * (1 - a)) / (outA || 1));
      pixels[i + 3] = Math.round(outA * 255);
    }
  }
}

/** Inside a rectangle with rounded corners; all in unit coordinates (0..1 of the icon). */
function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number) {
  return (x: number, y: number) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

/** Within `half` of the segment a-b: a stroke with round ends. */
function stroke(ax: number, ay: number, bx: number, by: number, half: number) {
  return (x: number, y: number) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= half * half;
  };
}

const not = (f: (x: number, y: number) => boolean) => (x: number, y: number) => !f(x, y);
const both = (f: (x: number, y: number) => boolean, g: (x: number, y: number) => boolean) => (x: number, y: number) =>
  f(x, y) && g(x, y);

function blank(size: number): RgbaImage {
  return { width: size, height: size, pixels: new Uint8Array(size * size * 4) };
}

const TEAL: Rgba = [0x1f, 0x6f, 0x78, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const AMBER: Rgba = [0xf2, 0xb1, 0x34, 255];

/** The 192x192 colour icon: a register page with a tick on a teal tile (Teams puts it on any background). */
export function drawColourIcon(): RgbaImage {
  const image = blank(192);
  paint(image, TEAL, roundedRect(0, 0, 1, 1, 0.18));
  paint(image, WHITE, roundedRect(0.22, 0.24, 0.78, 0.8, 0.06));
  paint(image, AMBER, roundedRect(0.22, 0.24, 0.78, 0.36, 0.06));
  for (const x of [0.34, 0.5, 0.66]) paint(image, TEAL, stroke(x, 0.18, x, 0.29, 0.025));
  paint(image, TEAL, stroke(0.35, 0.58, 0.46, 0.69, 0.04));
  paint(image, TEAL, stroke(0.46, 0.69, 0.66, 0.47, 0.04));
  return image;
}

/** The 32x32 outline icon: white strokes on transparent, as Teams requires for the app bar. */
export function drawOutlineIcon(): RgbaImage {
  const image = blank(32);
  const page = roundedRect(0.12, 0.16, 0.88, 0.88, 0.1);
  const inner = roundedRect(0.2, 0.24, 0.8, 0.8, 0.05);
  paint(image, WHITE, both(page, not(inner)));
  paint(image, WHITE, stroke(0.14, 0.36, 0.86, 0.36, 0.04));
  paint(image, WHITE, stroke(0.33, 0.58, 0.46, 0.7, 0.055));
  paint(image, WHITE, stroke(0.46, 0.7, 0.68, 0.47, 0.055));
  return image;
}
