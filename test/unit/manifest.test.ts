import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { manifestFragment } from '../../src/manifest';
import { COMMAND_TITLES, CONFIG_SECTION, CommandId } from '../../src/constants';
import { coerceSetting, DEFAULT_CONFIG, SETTINGS } from '../../src/settings';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

test('package.json contributes exactly what the code declares (run `npm run manifest` after a change)', () => {
  const fragment = manifestFragment();
  assert.deepEqual(pkg.contributes, fragment.contributes);
  assert.deepEqual(pkg.activationEvents, fragment.activationEvents);
});

test('every command id has a title, the SO3 Lens category and the one prefix', () => {
  const ids: string[] = Object.values(CommandId);
  assert.deepEqual(
    pkg.contributes.commands.map((c: { command: string }) => c.command),
    ids,
  );
  for (const command of pkg.contributes.commands) {
    assert.match(command.command, /^so3Lens\.[a-z][A-Za-z]+$/);
    assert.equal(command.category, 'SO3 Lens');
    assert.equal(command.title, COMMAND_TITLES[command.command as CommandId]);
  }
  const menuCommands = Object.values(pkg.contributes.menus as Record<string, { command: string }[]>).flatMap(
    (m) => m.map((item) => item.command),
  );
  for (const command of menuCommands)
    assert.ok(ids.includes(command), `menu names unknown command ${command}`);
});

test('every setting is described, typed, prefixed and has a valid default', () => {
  const properties = pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>;
  assert.deepEqual(
    Object.keys(properties),
    Object.keys(SETTINGS).map((key) => `${CONFIG_SECTION}.${key}`),
  );
  for (const [name, property] of Object.entries(properties)) {
    assert.ok(name.startsWith('so3Lens.'), name);
    assert.equal(typeof property.markdownDescription, 'string', `${name} has a markdownDescription`);
    assert.ok((property.markdownDescription as string).length > 20, `${name} is described in a sentence`);
    assert.ok(['number', 'integer', 'boolean', 'string', 'array'].includes(property.type as string), name);
    const key = name.slice('so3Lens.'.length) as keyof typeof SETTINGS;
    assert.deepEqual(
      coerceSetting(key, property.default),
      property.default,
      `${name}: default survives coercion`,
    );
  }
});

test('coerceSetting keeps valid values and replaces invalid ones by the default', () => {
  assert.equal(coerceSetting('thresholds.kappa', 25), 25);
  assert.equal(coerceSetting('thresholds.kappa', 0.5), DEFAULT_CONFIG['thresholds.kappa']);
  assert.equal(coerceSetting('thresholds.kappa', 'high'), 10);
  assert.equal(coerceSetting('stabilizer.taylorK', 3.5), 9);
  assert.equal(coerceSetting('representation', '6d'), '6d');
  assert.equal(coerceSetting('representation', '7d'), 'auto');
  assert.deepEqual(coerceSetting('diagnostics.flags', ['kappa-high', 'bogus']), ['kappa-high']);
  assert.deepEqual(coerceSetting('diagnostics.flags', 'kappa-high'), DEFAULT_CONFIG['diagnostics.flags']);
  assert.equal(coerceSetting('hover.enabled', false), false);
  assert.equal(coerceSetting('hover.enabled', 'no'), true);
});

test('the manifest is honest about where the extension runs', () => {
  assert.equal(pkg.name, 'so3-lens');
  assert.equal(pkg.publisher, 'so3-lens');
  assert.equal(pkg.engines.vscode, '^1.100.0');
  assert.deepEqual(pkg.extensionKind, ['workspace']);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  assert.ok(pkg.activationEvents.includes('onWebviewPanel:so3Lens.dashboard'));
  assert.match(pkg.devDependencies['@types/vscode'], /^~1\.100\./);
});

test('the README documents every setting and every command', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const key of Object.keys(SETTINGS))
    assert.ok(readme.includes(`\`so3Lens.${key}\``), `README lacks so3Lens.${key}`);
  for (const title of Object.values(COMMAND_TITLES)) {
    const name = title
      .replace(' (Toggle)', '')
      .replace('Go to Next Flagged Step', 'Go to Next / Previous Flagged Step');
    if (title.startsWith('Go to Previous')) continue;
    assert.ok(readme.includes(`**${name}`), `README lacks the command ${title}`);
  }
});
