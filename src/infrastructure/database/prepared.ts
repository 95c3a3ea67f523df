import type { EntityManager } from 'typeorm';

/**
 * A statement PostgreSQL parses and plans once per connection instead of on every call (pg's
 * named statements). For the hot paths only: measured on the case read, an unnamed statement
 * costs the database about twice the CPU of a prepared one (docs/PERFORMANCE.md).
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

const declared = new Map<string, string>();

/**
 * Declares a named statement (at module load). A name is bound to one text for the life of a
 * connection, so reusing a name for another text is refused here rather than by pg at run time.
 */
export function prepared(name: string, text: string): PreparedStatement {
  const existing = declared.get(name);
  if (existing !== undefined && existing !== text) throw new Error(`prepared statement "${name}" is declared twice with different SQL`);
  declared.set(name, text);
  return { name, text };
}

/**
 * Runs a named statement on the manager's connection: the caller's transaction when there is one,
 * otherwise a pooled connection (one statement, autocommit). Results are what `manager.query`
 * gives: rows for SELECT and INSERT … RETURNING, `[rows, count]` for UPDATE and DELETE.
 */
export function queryPrepared<T>(manager: EntityManager, statement: PreparedStatement, values: readonly unknown[]): Promise<T> {
  // pg's `query` takes a query config `{ name, text }` and copies it before adding the values;
  // TypeORM 1.x's PostgresQueryRunner.query hands its first argument to pg unchanged. Its type
  // says string, hence the cast; the prepared-statement spec proves the pass-through.
  return manager.query<T>({ name: statement.name, text: statement.text } as unknown as string, [...values]);
}
