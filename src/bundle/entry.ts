// What the bin (bin/agentsmith.cjs) needs to start `check`: the user's folder and the bundled check's
// loader. The build also bundles this module into one CommonJS file beside it (entry.cjs, see build.ts),
// which the bin requires: a check then loads CommonJS only, and Node never sets up its ES module loader
// (about 8 ms of every run, an empty check 93 -> 83 ms). Without that file (a build without rolldown),
// the bin imports this module instead.
export { userFolder } from '../user-folder.js';
export { loadCheckMain } from './load.js';
