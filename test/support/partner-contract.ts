/** The partner document's checks (kept under this name for the partner suites). See openapi-contract.ts. */
export { expectPartnerContract, partnerSchemaErrors } from './openapi-contract';
