import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitError } from '../errors.js';
import { packageRoot, specialtiesDir } from '../paths.js';
import type { Preset } from './preset.js';

export class PresetError extends ExitError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'PresetError';
  }
}

/**
 * Validated presets of our own folder, keyed by each file's content hash. Parsing YAML and running the
 * schema costs ~150 ms on a cold start; reading this JSON costs ~2 ms, which matters before the first prompt.
 * Any change to a file (or a file added or removed) misses the cache and goes through the schema again.
 */
const CACHE_FILE = join(packageRoot, 'dist', 'specialties.cache.json');

interface Cache {
  hashes: Record<string, string>;
  presets: Preset[];
}

// node:crypto loads on first use: a check that never reads the presets (no spec to drift-check) skips it.
const hash = (text: string): string => process.getBuiltinModule('node:crypto').createHash('sha1').update(text).digest('hex');

function readFolder(dir: string): Map<string, string> {
  if (!existsSync(dir)) throw new PresetError(`presets folder ${dir} does not exist (set by "presets" in the config).`);
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).filter((entry) => /\.ya?ml$/.test(entry)).sort()) {
    files.set(name, readFileSync(join(dir, name), 'utf8'));
  }
  return files;
}

function fromCache(files: Map<string, string>): Preset[] | undefined {
  try {
    const cache = JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as Cache;
    if (Object.keys(cache.hashes).length !== files.size) return undefined;
    for (const [name, text] of files) if (cache.hashes[name] !== hash(text)) return undefined;
    return cache.presets;
  } catch {
    return undefined;
  }
}

async function parseFolder(dir: string, files: Map<string, string>): Promise<Preset[]> {
  const { loadPresetFile } = await import('./preset-file.js');
  return [...files].map(([name, text]) => loadPresetFile(join(dir, name), text));
}

/** Writes the cache of our own presets (run at build time; harmless to skip). */
export async function writePresetCache(): Promise<number> {
  const files = readFolder(specialtiesDir);
  const presets = await parseFolder(specialtiesDir, files);
  const cache: Cache = { hashes: Object.fromEntries([...files].map(([name, text]) => [name, hash(text)])), presets };
  writeFileSync(CACHE_FILE, JSON.stringify(cache));
  return presets.length;
}

/**
 * The specialties: ours, then the team's folder (config `presets`), where a file with the same id
 * replaces ours. Sorted by id.
 */
export async function loadPresets(extraDir?: string): Promise<Map<string, Preset>> {
  const ours = readFolder(specialtiesDir);
  const list = [...(fromCache(ours) ?? (await parseFolder(specialtiesDir, ours)))];
  if (extraDir) list.push(...(await parseFolder(extraDir, readFolder(extraDir))));
  const presets = new Map<string, Preset>();
  for (const preset of list) presets.set(preset.id, preset);
  return new Map([...presets].sort(([a], [b]) => a.localeCompare(b)));
}
