// Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) variant beside every
// compressible file of the built PWA, so the server sends them as they are (like a CDN)
// instead of compressing on every request. Node's own zlib: nothing to install.
//
//   node frontend/tools/precompress.mjs frontend/dist
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(html|js|mjs|wasm|css|json|webmanifest|svg|txt|ico)$/;
const dir = process.argv[2];
if (!dir) {
  console.error('usage: precompress.mjs DIST_DIR');
  process.exit(2);
}

function* files(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (COMPRESSIBLE.test(name)) yield p;
  }
}

let raw = 0;
let br = 0;
let gz = 0;
for (const p of files(dir)) {
  const data = readFileSync(p);
  const b = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  const g = gzipSync(data, { level: 9 });
  writeFileSync(`${p}.br`, b);
  writeFileSync(`${p}.gz`, g);
  raw += data.length;
  br += b.length;
  gz += g.length;
}
console.error(`precompress.mjs: ${raw} bytes -> ${br} brotli, ${gz} gzip`);
