import { v7 } from 'uuid';

/** Time-ordered UUIDs: index-friendly inserts and a stable order for cursor paging. */
export const newId = (): string => v7();
