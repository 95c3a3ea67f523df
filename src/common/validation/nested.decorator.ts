import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';

type DtoClass = abstract new (...args: never[]) => object;

/**
 * A nested DTO property. Nest's `@ValidateNested()` alone lets a missing object through (the
 * handler then meets `undefined`) and validates an array as if it were the object; these say
 * whether the object is required, refuse anything but a JSON object, and validate its fields.
 * A test (test/e2e/nested-dtos) fails on a `@ValidateNested()` property without one of them.
 */
export const NestedObject = (type: () => DtoClass, options: { optional?: boolean } = {}): PropertyDecorator =>
  applyDecorators(
    options.optional ? IsOptional() : IsDefined({ message: '$property is required' }),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
  );

/** An array of nested DTOs: required unless `optional`, each element a JSON object validated as `type`. */
export const NestedArray = (type: () => DtoClass, options: { optional?: boolean } = {}): PropertyDecorator =>
  applyDecorators(
    options.optional ? IsOptional() : IsDefined({ message: '$property is required' }),
    IsArray({ message: '$property must be an array' }),
    IsObject({ each: true, message: 'each item of $property must be an object' }),
    ValidateNested({ each: true }),
    Type(type),
  );
