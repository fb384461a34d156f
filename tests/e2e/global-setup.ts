import { startBuildInBackground } from '../build/build-output.js';

/**
 * vitest globalSetup for the e2e project: the server harness serves dist/h5. When it is missing
 * or older than the miniapp sources, it is built in the background (about 20–50 s) while the unit
 * and API tests run; each browser test file waits for it in `startApp` (`ensureBuild`).
 */
export default function setup(): () => void {
  const build = startBuildInBackground('h5');
  if (build) console.log('[e2e] building dist/h5 in the background');
  return () => {
    if (build && build.exitCode === null) build.kill('SIGTERM');
  };
}
