// Writes the code-derived parts of package.json (commands, menus, settings, custom editors,
// activation events) from src/manifest.ts. Run by `npm run manifest`; the manifest unit test fails
// until it has been run after a change.
import { readFileSync, writeFileSync } from 'node:fs';
import { manifestFragment } from '../src/manifest';

const path = new URL('../package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const fragment = manifestFragment();
pkg.activationEvents = fragment.activationEvents;
pkg.contributes = fragment.contributes;
writeFileSync(path, JSON.stringify(pkg, null, 2) + '\n');
console.log('package.json: contributes and activationEvents updated');
