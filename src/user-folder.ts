/**
 * The folder the user ran the command from. npm runs a package's scripts in the package's folder and
 * keeps the user's in INIT_CWD; that is taken for our own scripts only (`npm run new-agent` in a clone of
 * agentsmith). A project's own script (`"lint": "agentsmith check agents/"`) names its paths from the
 * project's folder, where npm runs it, and `npx` runs in the user's folder already (INIT_CWD is the
 * same folder there); a stray INIT_CWD (a postinstall, a parent npm process) is ignored.
 */
export function userFolder(env: NodeJS.ProcessEnv = process.env): string {
  const viaOurScript = env.npm_package_name === 'agentsmith' && ['check', 'new-agent', 'bulk', 'import'].includes(env.npm_lifecycle_event ?? '');
  return viaOurScript && env.INIT_CWD ? env.INIT_CWD : process.cwd();
}
