// Draws the add-in's icon (a green sheet with a white check mark) as PNG files, with no image library:
// shapes are sampled 4×4 per pixel for smooth edges, and the PNG is written with node:zlib.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const GREEN = [33, 115, 70];   // Excel's green
const WHITE = [255, 255, 255];
const LIGHT = [200, 230, 212];

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4);
  header[8] = 8; header[9] = 6; header[10] = 0; header[11] = 0; header[12] = 0;  // 8-bit RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;  // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header), chunk("IDAT", zlib.deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0)),
  ]);
}

function distanceToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

// The colour at a point of the unit square (0..1), or null for transparent.
function colourAt(x, y) {
  const r = 0.16, inset = 0.04;
  const cx = Math.min(Math.max(x, inset + r), 1 - inset - r), cy = Math.min(Math.max(y, inset + r), 1 - inset - r);
  if (Math.hypot(x - cx, y - cy) > r) return null;                          // outside the rounded square
  if (distanceToSegment(x, y, 0.28, 0.53, 0.44, 0.70) < 0.075 ||
      distanceToSegment(x, y, 0.44, 0.70, 0.75, 0.34) < 0.075) return WHITE; // the check mark
  const gridLine = (v) => Math.abs(v - Math.round(v * 4) / 4) < 0.012;
  if (x > 0.12 && x < 0.88 && y > 0.12 && y < 0.88 && (gridLine(x) || gridLine(y))) return LIGHT;
  return GREEN;
}

export function drawIcon(size) {
  const samples = 4, rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) { rgba[o] = Math.round(r / a); rgba[o + 1] = Math.round(g / a); rgba[o + 2] = Math.round(b / a); }
      rgba[o + 3] = Math.round((255 * a) / (samples * samples));
    }
  }
  return encodePng(size, rgba);
}

export const ICON_SIZES = [16, 32, 64, 80];

export function writeIcons(dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const size of ICON_SIZES) fs.writeFileSync(path.join(dir, `icon-${size}.png`), drawIcon(size));
}
