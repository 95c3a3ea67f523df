import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, Matches } from 'class-validator';
import { Env } from './env.decorator';

const list = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((entry) => entry.trim().toUpperCase())
        .filter(Boolean)
    : value;

export class JourneysConfig {
  @Env('JOURNEY_TRANSIT_COUNTRIES', {
    description:
      'Comma-separated ISO 3166-1 alpha-2 countries a relocation plan may transit through, for cases without an activation (an active activation that names transit countries replaces it for its cases).',
  })
  @Transform(list)
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[A-Z]{2}$/, { each: true })
  transitCountries: string[] = ['GE', 'TR'];

  @Env('RESETTLEMENT_DOCUMENTS', {
    description: 'Comma-separated document checklist every new resettlement application starts with (codes, upper case).',
  })
  @Transform(list)
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Z][A-Z0-9_]{0,39}$/, { each: true })
  resettlementDocuments: string[] = ['PASSPORT', 'PHOTOS', 'MEDICAL', 'POLICE_CERTIFICATE'];
}
