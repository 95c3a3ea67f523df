import { SeededRandom } from './random';

/**
 * Fictional people for the demo, built by combining name parts: no list of real persons is
 * involved, and any resemblance is coincidence. Azerbaijani names use the Latin transliteration
 * common in Baku, with patronymics as "<father> oğlu / qızı"; Russian names use "-ovich/-ovna".
 */
const AZ_MALE = [
  'Elvin',
  'Rashad',
  'Orkhan',
  'Kamran',
  'Tural',
  'Farid',
  'Ilgar',
  'Vugar',
  'Emin',
  'Ramil',
  'Samir',
  'Nijat',
  'Javid',
  'Anar',
  'Zaur',
  'Elnur',
  'Murad',
  'Toghrul',
  'Rovshan',
  'Fuad',
];
const AZ_FEMALE = ['Leyla', 'Nigar', 'Aysel', 'Sabina', 'Gunel', 'Narmin', 'Lala', 'Aytan', 'Sevinj', 'Konul', 'Fidan', 'Ulviyya', 'Jamila', 'Aynur', 'Shahla'];
const AZ_FATHERS = ['Rauf', 'Eldar', 'Vagif', 'Ilham', 'Tofig', 'Namig', 'Azer', 'Rasim', 'Mahir', 'Fikrat', 'Chingiz', 'Arif'];
/** Surname stems; "-ov/-ev" take "-a" for women, "-li" stays. */
const AZ_FAMILY = [
  'Mammadov',
  'Aliyev',
  'Huseynov',
  'Hasanov',
  'Guliyev',
  'Ismayilov',
  'Jafarov',
  'Rustamov',
  'Gasimov',
  'Abbasov',
  'Babayev',
  'Karimov',
  'Mustafayev',
  'Rzayev',
  'Safarov',
  'Nasirli',
  'Agayev',
  'Bagirov',
  'Valiyev',
  'Zeynalli',
];
const RU_MALE = ['Dmitry', 'Sergey', 'Alexei', 'Pavel', 'Nikolai', 'Artyom', 'Ivan', 'Maxim', 'Kirill', 'Denis'];
const RU_FEMALE = ['Anna', 'Olga', 'Yelena', 'Natalia', 'Irina', 'Tatiana', 'Svetlana', 'Maria', 'Yulia', 'Daria'];
/** Father's name → [son's, daughter's] patronymic. */
const RU_FATHERS: ReadonlyArray<readonly [string, string]> = [
  ['Sergeyevich', 'Sergeyevna'],
  ['Ivanovich', 'Ivanovna'],
  ['Pavlovich', 'Pavlovna'],
  ['Nikolayevich', 'Nikolayevna'],
  ['Dmitriyevich', 'Dmitriyevna'],
  ['Alexeyevich', 'Alexeyevna'],
  ['Mikhailovich', 'Mikhailovna'],
  ['Andreyevich', 'Andreyevna'],
  ['Viktorovich', 'Viktorovna'],
];
const RU_FAMILY = ['Ivanov', 'Petrov', 'Smirnov', 'Volkov', 'Kuznetsov', 'Sokolov', 'Popov', 'Lebedev', 'Kozlov', 'Novikov', 'Morozov', 'Orlov'];
const CITIES = ['Baku', 'Baku', 'Baku', 'Sumqayit', 'Ganja', 'Lankaran', 'Mingachevir'];
const BAKU_DISTRICTS = ['Nasimi', 'Yasamal', 'Sabail', 'Narimanov', 'Binagadi', 'Khatai', 'Nizami'];
const MOBILE_PREFIXES = ['50', '51', '55', '70', '77'];
const ORIENTATIONS = ['gay', 'lesbian', 'bisexual', 'queer'];

/** The risk factors the service's triage knows (spec 3.3); the demo picks plausible ones. */
export type RiskFactor =
  | 'DETAINED_OR_RECENTLY_RELEASED'
  | 'POLICE_SUMMONS_OR_SEARCH'
  | 'NAMED_BY_DETAINEE'
  | 'OUTED'
  | 'FAMILY_OR_COMMUNITY_THREATS'
  | 'IN_HIDING'
  | 'VISIBLY_GENDER_NONCONFORMING_OR_TRANS'
  | 'URGENT_HEALTH_NEED'
  | 'HOLDS_VALID_TRAVEL_DOCUMENT';

export interface DemoPerson {
  index: number;
  givenName: string;
  familyName: string;
  patronymic: string;
  dateOfBirth: string;
  gender: 'man' | 'woman' | 'non-binary';
  phone: string;
  city: string;
  hideout: string;
  narrative: string;
  orientation: string;
  riskFactors: RiskFactor[];
  passportNumber: string | null;
}

function feminine(surname: string): string {
  return /(ov|ev)$/.test(surname) ? `${surname}a` : surname;
}

function story(random: SeededRandom, factors: RiskFactor[], city: string): string {
  const parts: string[] = [];
  if (factors.includes('DETAINED_OR_RECENTLY_RELEASED'))
    parts.push(`Held for ${random.int(2, 14)} days after the raids in mid-September; released without papers`);
  if (factors.includes('NAMED_BY_DETAINEE')) parts.push('a detained friend was made to unlock their phone, and the contact list is in police hands');
  if (factors.includes('POLICE_SUMMONS_OR_SEARCH')) parts.push(`police came to the family flat in ${city} asking for them`);
  if (factors.includes('OUTED')) parts.push('photos were passed around the neighbourhood');
  if (factors.includes('FAMILY_OR_COMMUNITY_THREATS')) parts.push('an uncle has threatened to "deal with the shame"');
  if (factors.includes('IN_HIDING')) parts.push('sleeping at different friends’ places since');
  if (factors.includes('URGENT_HEALTH_NEED')) parts.push('treatment interrupted since the arrest');
  if (factors.includes('VISIBLY_GENDER_NONCONFORMING_OR_TRANS')) parts.push('stopped at checkpoints twice because of how they look');
  if (parts.length === 0) parts.push('Afraid to go home since friends were detained');
  return `${parts.join('; ')}.`;
}

/** `count` people, the same ones for the same seed. */
export function generatePeople(count: number, seed = 20170915): DemoPerson[] {
  const random = new SeededRandom(seed);
  const people: DemoPerson[] = [];
  for (let index = 0; index < count; index += 1) {
    const russian = random.chance(0.15);
    const roll = random.next();
    const gender = roll < 0.62 ? 'man' : roll < 0.93 ? 'woman' : 'non-binary';
    const female = gender === 'woman' || (gender === 'non-binary' && random.chance(0.5));
    let givenName: string;
    let familyName: string;
    let patronymic: string;
    if (russian) {
      givenName = random.pick(female ? RU_FEMALE : RU_MALE);
      const surname = random.pick(RU_FAMILY);
      familyName = female ? feminine(surname) : surname;
      const [son, daughter] = random.pick(RU_FATHERS);
      patronymic = female ? daughter : son;
    } else {
      givenName = random.pick(female ? AZ_FEMALE : AZ_MALE);
      const surname = random.pick(AZ_FAMILY);
      familyName = female ? feminine(surname) : surname;
      patronymic = `${random.pick(AZ_FATHERS)} ${female ? 'qızı' : 'oğlu'}`;
    }
    const city = random.pick(CITIES);
    const factors = new Set<RiskFactor>();
    // The September 2017 pattern: arrests, then names pulled from phones, then searches.
    const acute = random.next();
    if (acute < 0.3) factors.add('DETAINED_OR_RECENTLY_RELEASED');
    else if (acute < 0.6) factors.add('NAMED_BY_DETAINEE');
    else if (acute < 0.75) factors.add('POLICE_SUMMONS_OR_SEARCH');
    if (random.chance(0.35)) factors.add('OUTED');
    if (random.chance(0.25)) factors.add('FAMILY_OR_COMMUNITY_THREATS');
    if (random.chance(0.45)) factors.add('IN_HIDING');
    if (gender === 'non-binary' || random.chance(0.08)) factors.add('VISIBLY_GENDER_NONCONFORMING_OR_TRANS');
    if (random.chance(0.1)) factors.add('URGENT_HEALTH_NEED');
    const passport = random.chance(0.55);
    if (passport) factors.add('HOLDS_VALID_TRAVEL_DOCUMENT');
    if (factors.size === (passport ? 1 : 0)) factors.add('IN_HIDING');
    const riskFactors = [...factors];
    const year = random.int(1975, 2001);
    people.push({
      index,
      givenName,
      familyName,
      patronymic,
      dateOfBirth: `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
      gender,
      // Seven digits from the index keep every number distinct (the demo's log scan relies on it).
      phone: `+994 ${random.pick(MOBILE_PREFIXES)} ${String(3_100_000 + index * 37 + random.int(0, 36)).replace(/(\d{3})(\d{2})(\d{2})/, '$1 $2 $3')}`,
      city,
      hideout:
        city === 'Baku'
          ? `Friend's flat in ${random.pick(BAKU_DISTRICTS)}, entrance ${random.int(1, 9)}, knock twice (#${index})`
          : `Relative's house outside ${city} (#${index})`,
      narrative: story(random, riskFactors, city),
      orientation: gender === 'non-binary' ? 'queer' : random.pick(ORIENTATIONS.filter((o) => (female ? o !== 'gay' : o !== 'lesbian'))),
      riskFactors,
      passportNumber: passport ? `C${String(10_000_000 + index * 7919).slice(-8)}` : null,
    });
  }
  return people;
}

/** How the demo prints a person: given name and initial only, even though all of them are made up. */
export function shortName(person: DemoPerson): string {
  return `${person.givenName} ${person.familyName.charAt(0)}.`;
}
