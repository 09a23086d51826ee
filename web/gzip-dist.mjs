// After `vite build`: writes NAME.gz beside each script and stylesheet of dist/. The server
// embeds both and sends the .gz to browsers that accept gzip, so it never compresses at
// request time.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (/\.(js|css|html|svg)$/.test(entry.name)) {
      // mtime 0 in the gzip header: the same input always gives the same bytes.
      writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
    }
  }
}
walk(new URL('./dist', import.meta.url).pathname);
