/**
 * Loads every route module before a test file's tests (vitest.mutation.config.ts), so what runs at
 * module load — route tables, schemas, constants — runs outside any test, and Stryker knows it
 * for what it is: a static mutant (see docs/TESTING.md). Without it, the first test to reach a
 * route would load its module and Stryker would take the module's top level for that test's code.
 */
import { loadAllRoutes } from '../../functions/_entry/routes.js';

await loadAllRoutes();
