import { checkPages } from './a11y-pages.js';

/** Every page of residents, newcomers and group leaders (the list and the checks: ./a11y-pages.ts). */
checkPages('residents');
