import { QueryFailedError } from 'typeorm';
import { QueryRunnerAlreadyReleasedError } from 'typeorm/error/QueryRunnerAlreadyReleasedError';
import { isDatabaseUnavailable } from '../database-unavailable';

const driverError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'a terminated backend (57P01) under TypeORM',
      new QueryFailedError('SELECT 1', [], driverError('57P01', 'terminating connection due to administrator command')),
    ],
    ['a released query runner', new QueryRunnerAlreadyReleasedError()],
    ["the pool's wait for a connection", new Error('timeout exceeded when trying to connect')],
    ['a socket closed under a query', new Error('Connection terminated unexpectedly')],
    ['a connection exception (class 08)', driverError('08006', 'connection failure')],
    ['a statement timeout (57014)', new QueryFailedError('SELECT 1', [], driverError('57014', 'canceling statement due to statement timeout'))],
    ['a refused connection', driverError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['one wrapped as a cause', new Error('outer', { cause: new Error('timeout exceeded when trying to connect') })],
  ])('%s is unavailability (503)', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], driverError('23505', 'duplicate key value violates unique constraint'))],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a serialization failure', driverError('40001', 'could not serialize access')],
    ['not an error', 'terminating connection due to administrator command'],
    ['nothing', undefined],
  ])('%s is not', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
