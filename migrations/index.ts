import { Foundation1763700000000 } from './1763700000000-Foundation';
import { AuditEvents1763700000100 } from './1763700000100-AuditEvents';
import { StaffIdentity1763700000500 } from './1763700000500-StaffIdentity';
import { PartnerAgencies1763700000300 } from './1763700000300-PartnerAgencies';

/** Every migration, in order. `npm run migration:generate -- <Name>` appends to this list. */
export const MIGRATIONS = [
  Foundation1763700000000,
  AuditEvents1763700000100,
  StaffIdentity1763700000500,
  PartnerAgencies1763700000300,
];
