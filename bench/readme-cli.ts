// `npm run bench:readme`: the README figures from the committed bench/results.json, without a new run.
import { rewriteReadmes } from './readme';

process.stdout.write(`${rewriteReadmes(process.cwd()).join('\n')}\n`);
