import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** One invalid field of a request: where it is, and what is wrong (never the value sent). */
export class ProblemFieldErrorView {
  @ApiProperty({ example: '/consent/obtainedAt', description: 'JSON Pointer (RFC 6901) into the request body or query' })
  pointer!: string;

  @ApiProperty({ example: 'obtainedAt must be a valid ISO 8601 date string' })
  detail!: string;
}

/** The RFC 9457 problem document every error answer carries, for the OpenAPI documents. */
export class ProblemView {
  @ApiProperty({ example: 'urn:corridor:problem:not-found', description: 'Stable per error: switch on this' })
  type!: string;

  @ApiProperty({ example: 'Not Found' })
  title!: string;

  @ApiProperty({ type: 'integer', example: 404 })
  status!: number;

  @ApiPropertyOptional({ example: 'No such webhook endpoint.' })
  detail?: string;

  @ApiPropertyOptional()
  instance?: string;

  @ApiProperty({ example: '3f1e2d4c-5b6a-4789-9abc-def012345678', description: 'Also the x-request-id header; quote it to support' })
  requestId!: string;

  @ApiPropertyOptional({ type: [ProblemFieldErrorView], description: 'On `validation-failed`: each invalid field' })
  errors?: ProblemFieldErrorView[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid (problem+json naming the fields as JSON Pointers)',
  401: 'Missing, unknown, expired or revoked API key',
  403: "The key's scopes do not allow this route",
  404: 'No such record, or not one of yours',
  409: 'Conflicts with the current state',
  413: 'The request body is larger than the limit',
  415: 'The request body is not application/json',
  422: 'Understood but refused (see `type`)',
  429: 'Rate limited (see Retry-After)',
  503: 'Temporarily unavailable; try again shortly',
};

/** Documents error answers as problem+json. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  const content = { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemView) } } };
  return applyDecorators(
    ApiExtraModels(ProblemView),
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', content })),
  );
}
