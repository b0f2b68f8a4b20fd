/**
 * Flags npm took for its own config. Without `--`, `npm run check --fix` gives npm the flag: it warns
 * "Unknown cli config", sets npm_config_fix=true, and hands the script nothing (`--spec a.yaml` hands it
 * "a.yaml"; `--spec=a.yaml` sets npm_config_spec=a.yaml and hands it nothing at all). Only our own
 * scripts are looked at. A flag npm has a config of its own for (yes, force, color, name) counts only
 * as "true": an .npmrc's `yes=false` or `color=always` is a setting of the user's, not a flag given on
 * this command line; any other of ours counts with any value.
 */
export function flagsTakenByNpm(script: string, flags: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  if (!underOwnNpmScript(script, env)) return [];
  return flags.filter((flag) => {
    const value = npmValue(flag, env);
    return flag !== 'help' && value !== undefined && value !== '' && (value === 'true' || !NPM_CONFIGS.has(flag));
  });
}

/** What npm left of our flag `flag` in its environment (npm_config_example_count for --example-count). */
export const npmValue = (flag: string, env: NodeJS.ProcessEnv = process.env): string | undefined => env[`npm_config_${flag.replaceAll('-', '_')}`];

/** Our flags that are also npm's own config names (npm config ls -l), whose value may come from an .npmrc. */
const NPM_CONFIGS = new Set(['color', 'force', 'yes', 'name', 'description', 'dry-run']);

/** Whether this process is our package's own npm script `script` (npm run check, npm run new-agent). */
export const underOwnNpmScript = (script: string, env: NodeJS.ProcessEnv = process.env): boolean =>
  env.npm_package_name === 'agentsmith' && env.npm_lifecycle_event === script;

/** "npm took FLAGS for itself: put -- before agentsmith's flags, as in npm run SCRIPT -- EXAMPLE." */
export function npmTookWords(script: string, flags: readonly string[], example: string): string {
  return `npm took ${flags.join(', ')} for itself: put -- before agentsmith's flags, as in npm run ${script} -- ${example}.`;
}
