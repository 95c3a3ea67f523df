import type { ConsentMethod, ContactChannelType, IntakeBody, IntakePriority } from './intake';

/**
 * The intake form's values: text as typed, turned into the request body on submit (blank optional
 * fields are left out). Field paths match the server's JSON pointers (`/person/givenName` →
 * `person.givenName`), so a problem+json answer lands next to its field.
 */
export interface IntakeValues {
  person: { givenName: string; familyName: string; patronymic: string; aliases: string; dateOfBirth: string; gender: string };
  dependants: Array<{ key: string; givenName: string; familyName: string; relationship: string; dateOfBirth: string }>;
  contact: { channels: Array<{ key: string; type: ContactChannelType; value: string }>; safeContactInstructions: string };
  location: { city: string; address: string; safeHouse: string };
  originCountry: string;
  currentCountry: string;
  activationCode: string;
  narrative: string;
  sogiesc: { sexualOrientation: string; genderIdentity: string; genderExpression: string; sexCharacteristics: string; notes: string };
  healthNeeds: string;
  documents: Array<{ key: string; type: string; number: string; issuingCountry: string; expiresOn: string }>;
  consent: { services: boolean; sharing: boolean; resettlement: boolean; method: ConsentMethod | ''; obtainedAt: string };
  priority: IntakePriority;
}

let counter = 0;
/** A React key for a row of a repeated group (never sent). */
export const rowKey = (): string => `row-${++counter}`;

/** `YYYY-MM-DDTHH:mm` in local time, for a datetime-local input. */
export function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function emptyIntake(now: Date): IntakeValues {
  return {
    person: { givenName: '', familyName: '', patronymic: '', aliases: '', dateOfBirth: '', gender: '' },
    dependants: [],
    contact: { channels: [], safeContactInstructions: '' },
    location: { city: '', address: '', safeHouse: '' },
    originCountry: '',
    currentCountry: '',
    activationCode: '',
    narrative: '',
    sogiesc: { sexualOrientation: '', genderIdentity: '', genderExpression: '', sexCharacteristics: '', notes: '' },
    healthNeeds: '',
    documents: [],
    consent: { services: false, sharing: false, resettlement: false, method: '', obtainedAt: localDateTime(now) },
    priority: 'URGENT',
  };
}

const DATE_OR_YEAR = /^\d{4}(-\d{2}-\d{2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY = /^[A-Z]{2}$/;
const ACTIVATION_CODE = /^[A-Z0-9][A-Z0-9-]{1,30}[A-Z0-9]$/;

/** A validation problem as a catalogue key and its values (the page words it). */
export interface Invalid {
  key: string;
  values?: Record<string, number>;
}

/**
 * The server's rules (src/modules/cases/dto/case-content.dto.ts, case-commands.dto.ts), checked
 * before sending: required fields, lengths, date and country shapes, list sizes, consent.
 */
export function validateIntake(values: IntakeValues): Record<string, Invalid> {
  const errors: Record<string, Invalid> = {};
  const required = (path: string, value: string, max: number) => {
    if (value.trim().length === 0) errors[path] = { key: 'intake.invalid.required' };
    else if (value.length > max) errors[path] = { key: 'intake.invalid.tooLong', values: { count: max } };
  };
  const optional = (path: string, value: string, max: number) => {
    if (value.length > max) errors[path] = { key: 'intake.invalid.tooLong', values: { count: max } };
  };
  const pattern = (path: string, value: string, shape: RegExp, key: string) => {
    if (value.trim() !== '' && !shape.test(value.trim())) errors[path] = { key };
  };

  required('person.givenName', values.person.givenName, 100);
  required('person.familyName', values.person.familyName, 100);
  optional('person.patronymic', values.person.patronymic, 100);
  const aliases = splitAliases(values.person.aliases);
  if (aliases.length > 10) errors['person.aliases'] = { key: 'intake.invalid.tooMany', values: { count: 10 } };
  else if (aliases.some((alias) => alias.length > 200)) errors['person.aliases'] = { key: 'intake.invalid.tooLong', values: { count: 200 } };
  pattern('person.dateOfBirth', values.person.dateOfBirth, DATE_OR_YEAR, 'intake.invalid.dateOrYear');
  optional('person.gender', values.person.gender, 50);

  if (values.dependants.length > 20) errors.dependants = { key: 'intake.invalid.tooMany', values: { count: 20 } };
  values.dependants.forEach((dependant, index) => {
    required(`dependants.${index}.givenName`, dependant.givenName, 100);
    required(`dependants.${index}.familyName`, dependant.familyName, 100);
    required(`dependants.${index}.relationship`, dependant.relationship, 40);
    pattern(`dependants.${index}.dateOfBirth`, dependant.dateOfBirth, DATE_OR_YEAR, 'intake.invalid.dateOrYear');
  });

  if (values.contact.channels.length > 10) errors['contact.channels'] = { key: 'intake.invalid.tooMany', values: { count: 10 } };
  values.contact.channels.forEach((channel, index) => required(`contact.channels.${index}.value`, channel.value, 200));
  optional('contact.safeContactInstructions', values.contact.safeContactInstructions, 2000);

  optional('location.city', values.location.city, 100);
  optional('location.address', values.location.address, 500);
  optional('location.safeHouse', values.location.safeHouse, 500);

  if (values.originCountry.trim() === '') errors.originCountry = { key: 'intake.invalid.required' };
  else pattern('originCountry', values.originCountry, COUNTRY, 'intake.invalid.country');
  pattern('currentCountry', values.currentCountry, COUNTRY, 'intake.invalid.country');
  pattern('activationCode', values.activationCode, ACTIVATION_CODE, 'intake.invalid.activationCode');

  optional('narrative', values.narrative, 20_000);
  optional('sogiesc.sexualOrientation', values.sogiesc.sexualOrientation, 200);
  optional('sogiesc.genderIdentity', values.sogiesc.genderIdentity, 200);
  optional('sogiesc.genderExpression', values.sogiesc.genderExpression, 200);
  optional('sogiesc.sexCharacteristics', values.sogiesc.sexCharacteristics, 200);
  optional('sogiesc.notes', values.sogiesc.notes, 4000);
  optional('healthNeeds', values.healthNeeds, 4000);

  if (values.documents.length > 20) errors.documents = { key: 'intake.invalid.tooMany', values: { count: 20 } };
  values.documents.forEach((document, index) => {
    required(`documents.${index}.type`, document.type, 40);
    optional(`documents.${index}.number`, document.number, 60);
    pattern(`documents.${index}.issuingCountry`, document.issuingCountry, COUNTRY, 'intake.invalid.country');
    pattern(`documents.${index}.expiresOn`, document.expiresOn, DATE, 'intake.invalid.date');
  });

  // The server refuses a case without consent to services (consent-to-services-required).
  if (!values.consent.services) errors['consent.services'] = { key: 'intake.invalid.consentRequired' };
  if (values.consent.method === '') errors['consent.method'] = { key: 'intake.invalid.required' };
  if (values.consent.obtainedAt === '' || Number.isNaN(new Date(values.consent.obtainedAt).getTime()))
    errors['consent.obtainedAt'] = { key: 'intake.invalid.dateTime' };
  return errors;
}

const splitAliases = (text: string): string[] =>
  text
    .split(/[,\n]/)
    .map((alias) => alias.trim())
    .filter(Boolean);

/** Text or nothing: blank optional fields are not sent. */
const some = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

/** Leaves out an object whose every field is blank. */
function compact<T extends Record<string, string | undefined>>(object: T): T | undefined {
  return Object.values(object).some((value) => value !== undefined) ? object : undefined;
}

export function toIntakeBody(values: IntakeValues): IntakeBody {
  const aliases = splitAliases(values.person.aliases);
  const channels = values.contact.channels.map((channel) => ({ type: channel.type, value: channel.value.trim() }));
  const safeContactInstructions = some(values.contact.safeContactInstructions);
  return {
    person: {
      givenName: values.person.givenName.trim(),
      familyName: values.person.familyName.trim(),
      patronymic: some(values.person.patronymic),
      aliases: aliases.length > 0 ? aliases : undefined,
      dateOfBirth: some(values.person.dateOfBirth),
      gender: some(values.person.gender),
    },
    dependants: values.dependants.length
      ? values.dependants.map((d) => ({
          givenName: d.givenName.trim(),
          familyName: d.familyName.trim(),
          relationship: d.relationship.trim(),
          dateOfBirth: some(d.dateOfBirth),
        }))
      : undefined,
    contact: channels.length > 0 || safeContactInstructions ? { channels, safeContactInstructions } : undefined,
    location: compact({ city: some(values.location.city), address: some(values.location.address), safeHouse: some(values.location.safeHouse) }),
    originCountry: values.originCountry.trim(),
    currentCountry: some(values.currentCountry),
    activationCode: some(values.activationCode),
    narrative: some(values.narrative),
    sogiesc: compact({
      sexualOrientation: some(values.sogiesc.sexualOrientation),
      genderIdentity: some(values.sogiesc.genderIdentity),
      genderExpression: some(values.sogiesc.genderExpression),
      sexCharacteristics: some(values.sogiesc.sexCharacteristics),
      notes: some(values.sogiesc.notes),
    }),
    healthNeeds: some(values.healthNeeds),
    documents: values.documents.length
      ? values.documents.map((d) => ({ type: d.type.trim(), number: some(d.number), issuingCountry: some(d.issuingCountry), expiresOn: some(d.expiresOn) }))
      : undefined,
    consent: {
      services: values.consent.services,
      sharing: values.consent.sharing,
      resettlement: values.consent.resettlement,
      method: values.consent.method === '' ? 'IN_PERSON' : values.consent.method,
      obtainedAt: new Date(values.consent.obtainedAt).toISOString(),
    },
    priority: values.priority,
  };
}
