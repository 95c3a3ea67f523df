import { DomainException, FailureKind } from '@common/errors/domain.exception';

export class InvalidReportPeriodException extends DomainException {
  constructor() {
    super('report-period-invalid', FailureKind.InvalidInput, '`from` must be before `to`.');
  }
}

export class SameReportDimensionsException extends DomainException {
  constructor() {
    super('report-dimensions-invalid', FailureKind.InvalidInput, '`rows` and `columns` must be different dimensions.');
  }
}
