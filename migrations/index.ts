import { Foundation1763700000000 } from './1763700000000-Foundation';

/** Every migration, in order. `npm run migration:generate -- <Name>` appends to this list. */
export const MIGRATIONS = [Foundation1763700000000];
