/**
 * The countries and destinations (cities, toll-free and mobile ranges) the sandbox sells numbers in.
 * Prices are in USD and converted into the account's currency; requirements follow what Zadarma
 * asks for in those countries (Germany and Austria want an address and documents, the UK and the US
 * do not), so a partner's UI meets every branch.
 */
import type { DocumentType } from '../state/types.js';
import type { LocalisedName } from './languages.js';

/** Group fields a destination needs filled in (`restrictions.specify`). */
export type GroupField =
  | 'first_name'
  | 'last_name'
  | 'organization'
  | 'address'
  | 'city'
  | 'zip_code'
  | 'street'
  | 'building_number'
  | 'id_number'
  | 'nationality';

export interface Country {
  iso: string;
  dialCode: string;
  name: LocalisedName;
}

export interface Destination {
  id: number;
  country: string;
  areaCode: string;
  name: LocalisedName;
  /** Digits after country and area code. */
  subscriberDigits: number;
  connectFeeUsd: number;
  monthlyFeeUsd: number;
  receiveSms: boolean;
  tollFree: boolean;
  /** What sets the destination apart, in the page's language like the name. */
  feature: LocalisedName | null;
  /** Days until connected, as Zadarma reports it. */
  connectTime: number;
  upload: DocumentType[];
  specify: GroupField[];
  /** The group's address must be in this destination's country. */
  localAddress: boolean;
}

export const COUNTRIES: readonly Country[] = [
  { iso: 'AT', dialCode: '43', name: { en: 'Austria', de: 'Österreich', ru: 'Австрия' } },
  { iso: 'DE', dialCode: '49', name: { en: 'Germany', de: 'Deutschland', ru: 'Германия' } },
  { iso: 'ES', dialCode: '34', name: { en: 'Spain', de: 'Spanien', ru: 'Испания' } },
  {
    iso: 'GB',
    dialCode: '44',
    name: { en: 'United Kingdom', de: 'Vereinigtes Königreich', ru: 'Великобритания' },
  },
  { iso: 'PL', dialCode: '48', name: { en: 'Poland', de: 'Polen', ru: 'Польша' } },
  { iso: 'US', dialCode: '1', name: { en: 'USA', de: 'USA', ru: 'США' } },
];

const FROM_ALL_NETWORKS: LocalisedName = {
  en: 'Available from all networks',
  de: 'Aus allen Netzen erreichbar',
  ru: 'Доступен из всех сетей',
};
const SMS_RECEPTION: LocalisedName = { en: 'SMS reception', de: 'SMS-Empfang', ru: 'Приём SMS' };

const GERMAN_ADDRESS: GroupField[] = [
  'first_name',
  'last_name',
  'address',
  'city',
  'zip_code',
  'street',
  'building_number',
];

const city = (
  id: number,
  country: string,
  areaCode: string,
  name: LocalisedName,
  fees: [connect: number, monthly: number],
  extra: Partial<Destination> = {},
): Destination => ({
  id,
  country,
  areaCode,
  name,
  subscriberDigits: 7,
  connectFeeUsd: fees[0],
  monthlyFeeUsd: fees[1],
  receiveSms: false,
  tollFree: false,
  feature: null,
  connectTime: 0,
  upload: [],
  specify: [],
  localAddress: false,
  ...extra,
});

export const DESTINATIONS: readonly Destination[] = [
  city(3766, 'DE', '30', { en: 'Berlin', de: 'Berlin', ru: 'Берлин' }, [0, 5], {
    subscriberDigits: 8,
    upload: ['passport'],
    specify: GERMAN_ADDRESS,
    localAddress: true,
  }),
  city(3767, 'DE', '89', { en: 'Munich', de: 'München', ru: 'Мюнхен' }, [0, 5], {
    upload: ['passport'],
    specify: GERMAN_ADDRESS,
    localAddress: true,
  }),
  city(3768, 'DE', '40', { en: 'Hamburg', de: 'Hamburg', ru: 'Гамбург' }, [0, 5], {
    subscriberDigits: 8,
    upload: ['passport'],
    specify: GERMAN_ADDRESS,
    localAddress: true,
  }),
  city(
    3753,
    'DE',
    '800',
    { en: '800 number (Toll-free)', de: '0800-Nummer (gebührenfrei)', ru: 'Номер 800 (бесплатный)' },
    [20, 30],
    {
      tollFree: true,
      feature: FROM_ALL_NETWORKS,
      connectTime: 3,
      upload: ['passport', 'company_letter'],
      specify: ['organization', 'address', 'city', 'zip_code'],
    },
  ),
  city(3801, 'AT', '1', { en: 'Vienna', de: 'Wien', ru: 'Вена' }, [5, 8], {
    upload: ['passport', 'phone_bill'],
    specify: ['first_name', 'last_name', 'address', 'city', 'zip_code'],
    localAddress: true,
  }),
  city(13755, 'GB', '20', { en: 'London', de: 'London', ru: 'Лондон' }, [0, 4], { subscriberDigits: 8 }),
  city(13756, 'GB', '161', { en: 'Manchester', de: 'Manchester', ru: 'Манчестер' }, [0, 4]),
  city(13760, 'GB', '7', { en: 'Mobile', de: 'Mobilfunk', ru: 'Мобильный' }, [0, 12], {
    subscriberDigits: 9,
    receiveSms: true,
    feature: SMS_RECEPTION,
  }),
  city(20212, 'US', '212', { en: 'New York', de: 'New York', ru: 'Нью-Йорк' }, [0, 2], { receiveSms: true }),
  city(20415, 'US', '415', { en: 'San Francisco', de: 'San Francisco', ru: 'Сан-Франциско' }, [0, 2]),
  city(20800, 'US', '800', { en: 'Toll-free', de: 'Gebührenfrei', ru: 'Бесплатный номер' }, [0, 10], {
    tollFree: true,
    feature: FROM_ALL_NETWORKS,
  }),
  city(4822, 'PL', '22', { en: 'Warsaw', de: 'Warschau', ru: 'Варшава' }, [3, 6], {
    upload: ['passport'],
    specify: ['first_name', 'last_name', 'id_number'],
  }),
  city(3491, 'ES', '91', { en: 'Madrid', de: 'Madrid', ru: 'Мадрид' }, [5, 7], {
    subscriberDigits: 7,
    upload: ['passport'],
    specify: ['first_name', 'last_name', 'address', 'city', 'zip_code'],
    localAddress: true,
    connectTime: 2,
  }),
];

export function findCountry(iso: string): Country | undefined {
  return COUNTRIES.find((c) => c.iso === iso);
}

export function findDestination(id: number): Destination | undefined {
  return DESTINATIONS.find((d) => d.id === id);
}

export function destinationsOf(iso: string): Destination[] {
  return DESTINATIONS.filter((d) => d.country === iso);
}

export function needsDocuments(d: Destination): boolean {
  return d.upload.length > 0 || d.specify.length > 0 || d.localAddress;
}
