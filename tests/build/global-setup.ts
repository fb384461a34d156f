import { startBuildInBackground } from './build-output.js';

/**
 * vitest globalSetup for the build project: the WeChat build starts in the background while the
 * other tests run; the weapp tests wait for it (`ensureBuild`).
 */
export default function setup(): () => void {
  const build = startBuildInBackground('weapp');
  if (build) console.log('[build] building dist/weapp in the background');
  return () => {
    if (build && build.exitCode === null) build.kill('SIGTERM');
  };
}
