import { AuthConfig } from './auth.config';
import { CasesConfig } from './cases.config';
import { CheckinsConfig } from './checkins.config';
import { AuditConfig } from './audit.config';
import { ConfigError } from './config.error';
import { CryptoConfig } from './crypto.config';
import { DocumentsConfig } from './documents.config';
import { DatabaseConfig } from './database.config';
import { HttpConfig, publicBaseUrlProblems } from './http.config';
import { JourneysConfig } from './journeys.config';
import { loadSection, type Environment } from './load-section';
import { ProcessConfig } from './process.config';
import { QueueConfig } from './queue.config';
import { RedisConfig } from './redis.config';

/** Every config section, each its own class and provider so modules inject only what they use. */
export const CONFIG_SECTIONS = [
  ProcessConfig,
  DatabaseConfig,
  RedisConfig,
  HttpConfig,
  QueueConfig,
  AuthConfig,
  CryptoConfig,
  CasesConfig,
  JourneysConfig,
  CheckinsConfig,
  AuditConfig,
  DocumentsConfig,
] as const;

export interface AppConfig {
  process: ProcessConfig;
  database: DatabaseConfig;
  redis: RedisConfig;
  http: HttpConfig;
  queue: QueueConfig;
  auth: AuthConfig;
  cases: CasesConfig;
  journeys: JourneysConfig;
  checkins: CheckinsConfig;
  crypto: CryptoConfig;
  audit: AuditConfig;
  documents: DocumentsConfig;
}

/** Loads and validates all sections; reports every problem at once. */
export function loadConfig(env: Environment = process.env): AppConfig {
  const problems: string[] = [];
  const attempt = <T extends object>(section: new () => T): T | undefined => {
    try {
      return loadSection(section, env);
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      else throw error;
      return undefined;
    }
  };
  const config = {
    process: attempt(ProcessConfig),
    database: attempt(DatabaseConfig),
    redis: attempt(RedisConfig),
    http: attempt(HttpConfig),
    queue: attempt(QueueConfig),
    auth: attempt(AuthConfig),
    cases: attempt(CasesConfig),
    journeys: attempt(JourneysConfig),
    checkins: attempt(CheckinsConfig),
    crypto: attempt(CryptoConfig),
    audit: attempt(AuditConfig),
    documents: attempt(DocumentsConfig),
  };
  if (config.http && config.process) problems.push(...publicBaseUrlProblems(config.http, config.process.mode));
  if (problems.length > 0) throw new ConfigError(problems);
  return config as AppConfig;
}
