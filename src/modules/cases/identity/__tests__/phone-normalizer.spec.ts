import { phoneKey, type PhoneDefaultCountry } from '@modules/cases/identity/phone-normalizer';

describe('phone keys', () => {
  it.each<[string, PhoneDefaultCountry | undefined, string]>([
    // Azerbaijan
    ['+994 50 123 45 67', undefined, '+994501234567'],
    ['+994501234567', 'RU', '+994501234567'],
    ['050 123 45 67', 'AZ', '+994501234567'],
    ['(050) 123-45-67', 'AZ', '+994501234567'],
    ['050-123-45-67', 'AZ', '+994501234567'],
    ['50 123 45 67', 'AZ', '+994501234567'],
    ['00994501234567', 'AZ', '+994501234567'],
    ['00 994 50 123 45 67', 'RU', '+994501234567'],
    ['994 50 123 45 67', 'AZ', '+994501234567'],
    ['+994 (55) 123.45.67', undefined, '+994551234567'],
    ['+994 12 345 67 89', undefined, '+994123456789'], // Baku landline
    // Russia (Chechnya)
    ['+7 928 123-45-67', undefined, '+79281234567'],
    ['8 (928) 123-45-67', 'RU', '+79281234567'],
    ['89281234567', 'RU', '+79281234567'],
    ['+7 (8712) 22-33-44', undefined, '+78712223344'], // Grozny landline
    // Transit countries
    ['+995 555 12 34 56', undefined, '+995555123456'],
    ['555 12 34 56', 'GE', '+995555123456'],
    ['+90 532 123 45 67', undefined, '+905321234567'],
    ['0532 123 45 67', 'TR', '+905321234567'],
    // Full-width digits (pasted from some messengers) fold under NFKC
    ['＋９９４ ５０ １２３ ４５ ６７', undefined, '+994501234567'],
  ])('%p (default %p) is %p', (raw, country, expected) => {
    expect(phoneKey(raw, country)).toBe(expected);
  });

  it('gives every spelling of one number the same key', () => {
    const spellings: [string, PhoneDefaultCountry?][] = [['+994 50 123 45 67'], ['050 123 45 67', 'AZ'], ['00994501234567', 'GE'], ['(050)1234567', 'AZ']];
    expect(new Set(spellings.map(([raw, country]) => phoneKey(raw, country)))).toEqual(new Set(['+994501234567']));
  });

  it.each<[string, PhoneDefaultCountry | undefined]>([
    ['', undefined],
    ['   ', 'AZ'],
    ['not a number', 'AZ'],
    ['050 123 45 67', undefined], // national form without a country
    ['050 123 45 67', 'RU'], // an Azerbaijani national form read as Russian is no valid number
    ['+994 22 123 45 67', undefined], // no such Azerbaijani range
    ['+994 50 123 45', undefined], // too short
    ['+994 50 123 45 67 89', undefined], // too long
    ['12345', 'AZ'],
    ['+994501234567 ext 5', undefined], // letters: ask again rather than guess
    ['tel:+994501234567', undefined],
    ['Signal: +994501234567', undefined],
    ['+994 50 123 45 67 / +994 55 765 43 21', undefined], // two numbers
    ['+9945012+34567', undefined],
    ['1'.repeat(200), 'AZ'],
  ])('refuses %p (default %p)', (raw, country) => {
    expect(phoneKey(raw, country)).toBeNull();
  });
});
