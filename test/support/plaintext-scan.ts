import type { DataSource } from 'typeorm';

export interface PlaintextHit {
  table: string;
  column: string;
  needle: string;
  form: string;
}

/**
 * Looks for each needle in every text, JSON, array and bytea column of every table — plain,
 * lower-cased, upper-cased and base64 — the way someone holding a stolen dump would.
 */
export async function scanDatabaseForPlaintext(db: DataSource, needles: string[]): Promise<PlaintextHit[]> {
  const columns: Array<{ table_name: string; column_name: string; data_type: string }> = await db.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')`,
  );
  const forms = needles.flatMap((needle) => [
    { needle, form: 'plain', bytes: Buffer.from(needle) },
    { needle, form: 'lower', bytes: Buffer.from(needle.toLowerCase()) },
    { needle, form: 'upper', bytes: Buffer.from(needle.toUpperCase()) },
    { needle, form: 'base64', bytes: Buffer.from(Buffer.from(needle).toString('base64')) },
  ]);
  const hits: PlaintextHit[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    const expression = type === 'bytea' ? `"${column}"` : `convert_to("${column}"::text, 'UTF8')`;
    const rows: Array<{ v: Buffer | null }> = await db.query(`SELECT ${expression} AS v FROM "${table}" WHERE "${column}" IS NOT NULL`);
    for (const { v } of rows) {
      if (!v) continue;
      for (const { needle, form, bytes } of forms) if (v.includes(bytes)) hits.push({ table, column, needle, form });
    }
  }
  return hits;
}
