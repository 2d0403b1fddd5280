/** Build step (after tsup): writes the web page's corpora, from their npm packages, under dist/web-data. */
import { extractWebData } from './node/web-data.js';

for (const path of extractWebData()) process.stdout.write(`wrote ${path}\n`);
