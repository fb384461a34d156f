import { ensureBuild } from '../build/build-output.js';

/**
 * vitest globalSetup for the e2e project: the server harness serves dist/h5, so build it when it
 * is missing or older than the miniapp sources (about 20–50 s).
 */
export default function setup(): void {
  const { rebuilt, seconds } = ensureBuild('h5');
  if (rebuilt) console.log(`[e2e] built dist/h5 in ${seconds.toFixed(1)} s`);
}
