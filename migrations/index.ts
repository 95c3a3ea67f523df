import { Foundation1763700000000 } from './1763700000000-Foundation';
import { AuditEvents1763700000100 } from './1763700000100-AuditEvents';
import { AuditChain1763700000200 } from './1763700000200-AuditChain';

/** Every migration, in order. `npm run migration:generate -- <Name>` appends to this list. */
export const MIGRATIONS = [
  Foundation1763700000000,
  AuditEvents1763700000100,
  AuditChain1763700000200,
];
