/**
 * Flags npm took for its own config. Without `--`, `npm run check --format json` gives npm the flag:
 * it warns "Unknown cli config", sets npm_config_format=true, and hands the script only "json". Only our
 * own scripts are looked at, and only the value "true": an .npmrc's `yes=false` or `color=always` is a
 * setting of the user's, not a flag given on this command line.
 */
export function flagsTakenByNpm(script: string, flags: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  if (!underOwnNpmScript(script, env)) return [];
  return flags.filter((flag) => flag !== 'help' && env[`npm_config_${flag.replaceAll('-', '_')}`] === 'true');
}

/** Whether this process is our package's own npm script `script` (npm run check, npm run new-agent). */
export const underOwnNpmScript = (script: string, env: NodeJS.ProcessEnv = process.env): boolean =>
  env.npm_package_name === 'agentsmith' && env.npm_lifecycle_event === script;

/** "npm took FLAGS for itself: put -- before agentsmith's flags, as in npm run SCRIPT -- EXAMPLE." */
export function npmTookWords(script: string, flags: readonly string[], example: string): string {
  return `npm took ${flags.join(', ')} for itself: put -- before agentsmith's flags, as in npm run ${script} -- ${example}.`;
}
