import 'reflect-metadata';

/** Describes how one configuration property is read from the environment. */
export interface EnvBinding {
  property: string;
  variable: string;
  /** Secrets are never printed, not even in validation messages. */
  secret: boolean;
  description: string;
}

const ENV_BINDINGS = Symbol('corridor:env-bindings');

/**
 * Binds a config class property to an environment variable. The README's configuration table
 * is checked against these bindings, so every variable the code reads is documented.
 */
export function Env(variable: string, options: { description: string; secret?: boolean }): PropertyDecorator {
  return (target, property) => {
    const existing = (Reflect.getMetadata(ENV_BINDINGS, target.constructor) as EnvBinding[] | undefined) ?? [];
    Reflect.defineMetadata(
      ENV_BINDINGS,
      [...existing, { property: String(property), variable, secret: options.secret ?? false, description: options.description }],
      target.constructor,
    );
  };
}

export function envBindingsOf(configClass: abstract new () => object): EnvBinding[] {
  return (Reflect.getMetadata(ENV_BINDINGS, configClass) as EnvBinding[] | undefined) ?? [];
}
