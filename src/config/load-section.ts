import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ConfigError } from './config.error';
import { envBindingsOf } from './env.decorator';

export type Environment = Record<string, string | undefined>;

/**
 * Reads one config section from the environment: unset variables keep the class default,
 * set ones are converted by the class's @Type/@Transform and validated.
 */
export function loadSection<T extends object>(section: new () => T, env: Environment): T {
  const bindings = envBindingsOf(section);
  const raw: Record<string, string> = {};
  for (const binding of bindings) {
    const value = env[binding.variable];
    if (value !== undefined && value !== '') raw[binding.property] = value;
  }
  const instance = plainToInstance(section, raw, { exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(errors.map((error) => describe(error, bindings)));
  }
  return instance;
}

function describe(error: ValidationError, bindings: ReturnType<typeof envBindingsOf>): string {
  const binding = bindings.find((b) => b.property === error.property);
  const variable = binding?.variable ?? error.property;
  // class-validator messages quote the property, not the value, so they are safe to print.
  const reasons = Object.values(error.constraints ?? {}).map((m) => m.replace(error.property, variable));
  return `${variable}: ${reasons.join('; ') || 'invalid value'}`;
}
