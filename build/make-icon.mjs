// Draws the app icon (build/icon.png, 1024×1024) without any image tool: a small node graph (three layers of
// nodes joined by edges) on a rounded square, anti-aliased with signed distances. electron-builder derives the
// Windows .ico and macOS .icns from this PNG. The same picture as build/icon.svg. Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const S = 1024;
const png = new PNG({ width: S, height: S });

const bg = [30, 31, 36];
const edge = [122, 162, 247];
const node = [158, 206, 106];
const nodeHi = [247, 118, 142];

// Node positions: 2 inputs → 3 hidden → 1 output (the picture of a tiny network).
const cols = [
  [[250, 380], [250, 644]],
  [[512, 280], [512, 512], [512, 744]],
  [[774, 512]],
];
const segments = [];
for (let c = 0; c < cols.length - 1; c++) for (const a of cols[c]) for (const b of cols[c + 1]) segments.push([a, b]);
const circles = cols.flat();

function roundedRectDist(x, y) {
  const r = 180, h = S / 2 - 40;
  const qx = Math.abs(x - S / 2) - (h - r), qy = Math.abs(y - S / 2) - (h - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function segDist(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

const cover = (d) => Math.max(0, Math.min(1, 0.5 - d)); // 1 inside, 0 outside, linear over one pixel
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

for (let y = 0; y < S; y++) {
  for (let x = 0; x < S; x++) {
    const px = x + 0.5, py = y + 0.5;
    const alpha = cover(roundedRectDist(px, py));
    let color = bg;
    let dEdge = Infinity;
    for (const s of segments) dEdge = Math.min(dEdge, segDist(px, py, s[0], s[1]));
    color = mix(color, edge, cover(dEdge - 14) * 0.9);
    for (const [cx, cy] of circles) {
      const d = Math.hypot(px - cx, py - cy);
      color = mix(color, bg, cover(d - 78));
      color = mix(color, cx === 774 ? nodeHi : node, cover(d - 62));
    }
    const i = (y * S + x) * 4;
    png.data[i] = Math.round(color[0]);
    png.data[i + 1] = Math.round(color[1]);
    png.data[i + 2] = Math.round(color[2]);
    png.data[i + 3] = Math.round(alpha * 255);
  }
}

writeFileSync(new URL('./icon.png', import.meta.url), PNG.sync.write(png));
console.log('wrote build/icon.png');
