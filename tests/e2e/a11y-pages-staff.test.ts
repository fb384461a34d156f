import { checkPages } from './a11y-pages.js';

/** Every page of staff and the party branch (the list and the checks: ./a11y-pages.ts). */
checkPages('staff');
