import { Foundation1763700000000 } from './1763700000000-Foundation';
import { AuditEvents1763700000100 } from './1763700000100-AuditEvents';
import { AuditChain1763700000200 } from './1763700000200-AuditChain';
import { PartnerAgencies1763700000300 } from './1763700000300-PartnerAgencies';
import { DataKeys1763700000400 } from './1763700000400-DataKeys';
import { StaffIdentity1763700000500 } from './1763700000500-StaffIdentity';
import { CaseRecords1763700000600 } from './1763700000600-CaseRecords';
import { Journeys1763700000700 } from './1763700000700-Journeys';
import { Checkins1763700000800 } from './1763700000800-Checkins';
import { ResettlementApplications1763700000900 } from './1763700000900-ResettlementApplications';
import { CheckinLinks1763700001000 } from './1763700001000-CheckinLinks';
import { PartnerCore1763800000000 } from './1763800000000-PartnerCore';
import { Webhooks1763810000000 } from './1763810000000-Webhooks';
import { Activations1763820000000 } from './1763820000000-Activations';
import { ExpediteRequests1763830000000 } from './1763830000000-ExpediteRequests';
import { DuplicateReview1763840500000 } from './1763840500000-DuplicateReview';
import { CaseDocuments1763871000000 } from './1763871000000-CaseDocuments';
import { StaffProfile1763880000000 } from './1763880000000-StaffProfile';
import { CaseErasureRequests1763881000000 } from './1763881000000-CaseErasureRequests';
import { StaffResetSeparation1763882000000 } from './1763882000000-StaffResetSeparation';
import { ReferralsForgetDuplicates1763883000000 } from './1763883000000-ReferralsForgetDuplicates';
import { SealRiskCodes1763884000000 } from './1763884000000-SealRiskCodes';
import { StaffMaskNames1796602273148 } from './1796602273148-StaffMaskNames';

/** Every migration, in order. `npm run migration:generate -- <Name>` appends to this list. */
export const MIGRATIONS = [
  Foundation1763700000000,
  AuditEvents1763700000100,
  AuditChain1763700000200,
  PartnerAgencies1763700000300,
  DataKeys1763700000400,
  StaffIdentity1763700000500,
  CaseRecords1763700000600,
  Journeys1763700000700,
  Checkins1763700000800,
  ResettlementApplications1763700000900,
  CheckinLinks1763700001000,
  PartnerCore1763800000000,
  Webhooks1763810000000,
  Activations1763820000000,
  ExpediteRequests1763830000000,
  DuplicateReview1763840500000,
  CaseDocuments1763871000000,
  StaffProfile1763880000000,
  CaseErasureRequests1763881000000,
  StaffResetSeparation1763882000000,
  ReferralsForgetDuplicates1763883000000,
  SealRiskCodes1763884000000,
  StaffMaskNames1796602273148,
];
