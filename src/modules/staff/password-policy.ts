import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** About 49,000 passwords seen most often in breaches (zxcvbn-ts' list), lowercased. */
const COMMON = new Set((dictionary['passwords-common'] ?? []).map((password) => password.toLowerCase()));

export type PasswordProblem = 'too-short' | 'too-long' | 'common' | 'repetitive' | 'contains-email';

/**
 * NIST SP 800-63B: length over composition rules, and no known-breached or trivially guessable
 * passwords. Returns the problems found; empty means acceptable.
 */
export function passwordProblems(password: string, email?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too-short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too-long');
  const lowered = password.toLowerCase();
  const withoutTrailingDigits = lowered.replace(/[\d!.?_-]+$/, '');
  if (COMMON.has(lowered) || (withoutTrailingDigits.length >= 6 && COMMON.has(withoutTrailingDigits))) problems.push('common');
  if (new Set(lowered).size <= 3) problems.push('repetitive');
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lowered.includes(local)) problems.push('contains-email');
  return problems;
}

const PROBLEM_TEXT: Record<PasswordProblem, string> = {
  'too-short': `it is shorter than ${PASSWORD_MIN_LENGTH} characters`,
  'too-long': `it is longer than ${PASSWORD_MAX_LENGTH} characters`,
  common: 'it is one of the passwords most often seen in breaches',
  repetitive: 'it uses too few different characters',
  'contains-email': 'it contains your email address',
};

/** A sentence naming every problem found, e.g. "This password cannot be used: it contains your email address." */
export function describePasswordProblems(problems: readonly PasswordProblem[]): string {
  return `This password cannot be used: ${problems.map((problem) => PROBLEM_TEXT[problem]).join('; ')}.`;
}

export function commonPasswordCount(): number {
  return COMMON.size;
}
