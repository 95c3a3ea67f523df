import 'reflect-metadata';

const PERSONAL_FIELDS = Symbol('corridor:personal-fields');

/**
 * Marks a property as personal data: the logger replaces it wherever an instance of the class is
 * logged. (Request bodies are never logged at all; this guards everything else.)
 */
export const PersonalData = (): PropertyDecorator => (target, property) => {
  const fields = (Reflect.getMetadata(PERSONAL_FIELDS, target.constructor) as string[] | undefined) ?? [];
  Reflect.defineMetadata(PERSONAL_FIELDS, [...fields, String(property)], target.constructor);
};

export function personalFieldsOf(value: object): string[] {
  return (Reflect.getMetadata(PERSONAL_FIELDS, value.constructor) as string[] | undefined) ?? [];
}
