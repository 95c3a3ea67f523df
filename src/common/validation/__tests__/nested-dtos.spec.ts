import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getMetadataStorage, ValidationTypes } from 'class-validator';

/** Every TypeScript file under src/ whose classes could be request DTOs. */
function dtoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : dtoFiles(path);
    return /\.(dto|query)\.ts$/.test(name) || dir.endsWith('/dto') ? [path] : [];
  });
}

describe('nested request DTOs', () => {
  it('say whether each nested object is required, and accept only objects there', () => {
    const root = join(__dirname, '../../..');
    const files = dtoFiles(join(root, 'modules'));
    expect(files.length).toBeGreaterThan(10);
    // Loading the files registers their decorators in class-validator's metadata storage.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const file of files) require(file);
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<object, Array<{ type: string; name?: string; propertyName: string }>> };
    const findings: string[] = [];
    let nested = 0;
    for (const [target, metadatas] of storage.validationMetadatas) {
      const byProperty = new Map<string, Set<string>>();
      for (const metadata of metadatas) {
        const kinds = byProperty.get(metadata.propertyName) ?? new Set<string>();
        kinds.add(metadata.type === ValidationTypes.CUSTOM_VALIDATION && metadata.name ? metadata.name : metadata.type);
        byProperty.set(metadata.propertyName, kinds);
      }
      for (const [property, kinds] of byProperty) {
        if (!kinds.has(ValidationTypes.NESTED_VALIDATION)) continue;
        nested += 1;
        const name = `${(target as { name?: string }).name ?? '?'}.${property}`;
        const declared = kinds.has(ValidationTypes.IS_DEFINED) || kinds.has(ValidationTypes.CONDITIONAL_VALIDATION);
        if (!declared) findings.push(`${name}: neither required (@IsDefined) nor optional (@IsOptional/@ValidateIf): use @NestedObject/@NestedArray`);
        if (!kinds.has('isObject')) findings.push(`${name}: an array or a string would be validated as the object: use @NestedObject/@NestedArray`);
      }
    }
    expect(nested).toBeGreaterThan(10);
    expect(findings).toEqual([]);
    expect(files.map((file) => relative(root, file))).toContain('modules/cases/dto/case-commands.dto.ts');
  });
});
