// Build step: validate our specialty presets and cache them as JSON (see presets.ts).
import { writePresetCache } from './presets.js';

const count = await writePresetCache();
console.log(`cached ${count} specialty presets`);
