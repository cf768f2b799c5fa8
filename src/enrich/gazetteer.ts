// Places we know by name: countries with their ISO 3166-1 alpha-2 codes, the other names and
// adjectives the news uses for them ("Korean", "ROK", "the US"), their capitals (which the news
// also uses for the government: "Washington said", "Seoul and Tokyo"), and a few regions and
// cities. Written from facts for Dateline; the table is data, one function reads it.

export interface CountryEntry {
  code: string;
  name: string;
  /** Other names: short forms, official names, acronyms. */
  aliases: string[];
  /** Adjectives and nouns for the people ("Korean", "Japanese"). */
  demonyms: string[];
  capital: string | null;
}

// [code, name, aliases, demonyms, capital]
type Row = [string, string, string[], string[], string | null];

const COUNTRY_ROWS: Row[] = [
  ['US', 'United States', ['US', 'U.S.', 'USA', 'U.S.A.', 'America', 'United States of America'], ['American', 'Americans'], 'Washington'],
  ['KR', 'South Korea', ['Korea', 'Republic of Korea', 'ROK', 'S. Korea'], ['South Korean', 'South Koreans', 'Korean', 'Koreans'], 'Seoul'],
  ['KP', 'North Korea', ['DPRK', "Democratic People's Republic of Korea", 'N. Korea'], ['North Korean', 'North Koreans'], 'Pyongyang'],
  ['JP', 'Japan', [], ['Japanese'], 'Tokyo'],
  ['CN', 'China', ["People's Republic of China", 'PRC', 'Mainland China'], ['Chinese'], 'Beijing'],
  ['TW', 'Taiwan', [], ['Taiwanese'], 'Taipei'],
  ['HK', 'Hong Kong', [], [], null],
  ['MN', 'Mongolia', [], ['Mongolian'], 'Ulaanbaatar'],
  ['RU', 'Russia', ['Russian Federation'], ['Russian', 'Russians'], 'Moscow'],
  ['UA', 'Ukraine', [], ['Ukrainian', 'Ukrainians'], 'Kyiv'],
  ['IN', 'India', [], ['Indian', 'Indians'], 'New Delhi'],
  ['PK', 'Pakistan', [], ['Pakistani'], 'Islamabad'],
  ['BD', 'Bangladesh', [], ['Bangladeshi'], 'Dhaka'],
  ['LK', 'Sri Lanka', [], ['Sri Lankan'], 'Colombo'],
  ['VN', 'Vietnam', ['Viet Nam'], ['Vietnamese'], 'Hanoi'],
  ['TH', 'Thailand', [], ['Thai'], 'Bangkok'],
  ['MY', 'Malaysia', [], ['Malaysian'], 'Kuala Lumpur'],
  ['SG', 'Singapore', [], ['Singaporean'], null],
  ['ID', 'Indonesia', [], ['Indonesian'], 'Jakarta'],
  ['PH', 'Philippines', ['the Philippines'], ['Filipino', 'Philippine'], 'Manila'],
  ['KH', 'Cambodia', [], ['Cambodian'], 'Phnom Penh'],
  ['LA', 'Laos', ['Lao PDR'], ['Laotian'], 'Vientiane'],
  ['MM', 'Myanmar', ['Burma'], ['Burmese'], 'Naypyidaw'],
  ['BN', 'Brunei', ['Brunei Darussalam'], ['Bruneian'], 'Bandar Seri Begawan'],
  ['TL', 'Timor-Leste', ['East Timor'], [], 'Dili'],
  ['AU', 'Australia', [], ['Australian', 'Australians'], 'Canberra'],
  ['NZ', 'New Zealand', [], [], 'Wellington'],
  ['CA', 'Canada', [], ['Canadian', 'Canadians'], 'Ottawa'],
  ['MX', 'Mexico', [], ['Mexican'], 'Mexico City'],
  ['BR', 'Brazil', [], ['Brazilian'], 'Brasilia'],
  ['AR', 'Argentina', [], ['Argentine', 'Argentinian'], 'Buenos Aires'],
  ['CL', 'Chile', [], ['Chilean'], 'Santiago'],
  ['CO', 'Colombia', [], ['Colombian'], 'Bogota'],
  ['PE', 'Peru', [], ['Peruvian'], 'Lima'],
  ['VE', 'Venezuela', [], ['Venezuelan'], 'Caracas'],
  ['CU', 'Cuba', [], ['Cuban'], 'Havana'],
  ['GB', 'United Kingdom', ['UK', 'U.K.', 'Britain', 'Great Britain'], ['British', 'Briton', 'Britons'], 'London'],
  ['IE', 'Ireland', [], ['Irish'], 'Dublin'],
  ['FR', 'France', [], ['French'], 'Paris'],
  ['DE', 'Germany', [], ['German', 'Germans'], 'Berlin'],
  ['IT', 'Italy', [], ['Italian', 'Italians'], 'Rome'],
  ['ES', 'Spain', [], ['Spanish'], 'Madrid'],
  ['PT', 'Portugal', [], ['Portuguese'], 'Lisbon'],
  ['NL', 'Netherlands', ['the Netherlands', 'Holland'], ['Dutch'], 'Amsterdam'],
  ['BE', 'Belgium', [], ['Belgian'], 'Brussels'],
  ['CH', 'Switzerland', [], ['Swiss'], 'Bern'],
  ['AT', 'Austria', [], ['Austrian'], 'Vienna'],
  ['PL', 'Poland', [], ['Polish'], 'Warsaw'],
  ['SE', 'Sweden', [], ['Swedish'], 'Stockholm'],
  ['NO', 'Norway', [], ['Norwegian'], 'Oslo'],
  ['FI', 'Finland', [], ['Finnish'], 'Helsinki'],
  ['DK', 'Denmark', [], ['Danish'], 'Copenhagen'],
  ['GR', 'Greece', [], ['Greek'], 'Athens'],
  ['TR', 'Turkey', ['Turkiye', 'Türkiye'], ['Turkish'], 'Ankara'],
  ['HU', 'Hungary', [], ['Hungarian'], 'Budapest'],
  ['CZ', 'Czech Republic', ['Czechia'], ['Czech'], 'Prague'],
  ['RO', 'Romania', [], ['Romanian'], 'Bucharest'],
  ['BY', 'Belarus', [], ['Belarusian'], 'Minsk'],
  ['IL', 'Israel', [], ['Israeli', 'Israelis'], 'Jerusalem'],
  ['PS', 'Palestine', ['Palestinian territories'], ['Palestinian', 'Palestinians'], null],
  ['IR', 'Iran', [], ['Iranian', 'Iranians'], 'Tehran'],
  ['IQ', 'Iraq', [], ['Iraqi'], 'Baghdad'],
  ['SY', 'Syria', [], ['Syrian'], 'Damascus'],
  ['SA', 'Saudi Arabia', [], ['Saudi'], 'Riyadh'],
  ['AE', 'United Arab Emirates', ['UAE'], ['Emirati'], 'Abu Dhabi'],
  ['QA', 'Qatar', [], ['Qatari'], 'Doha'],
  ['EG', 'Egypt', [], ['Egyptian'], 'Cairo'],
  ['ZA', 'South Africa', [], ['South African'], 'Pretoria'],
  ['NG', 'Nigeria', [], ['Nigerian'], 'Abuja'],
  ['KE', 'Kenya', [], ['Kenyan'], 'Nairobi'],
  ['ET', 'Ethiopia', [], ['Ethiopian'], 'Addis Ababa'],
  ['AF', 'Afghanistan', [], ['Afghan'], 'Kabul'],
  ['KZ', 'Kazakhstan', [], ['Kazakh'], 'Astana'],
  // The rest of ISO 3166-1. A capital that is also a common name elsewhere (Victoria, Kingston,
  // Hamilton, San José, Georgetown, Malé, Sofia…) is left out (null): read as a government, it
  // would turn a person or another city into a country. Demonyms shared by two countries
  // ("Dominican", "Guinean", "Congolese") are left out too.
  ['AD', 'Andorra', [], ['Andorran'], 'Andorra la Vella'],
  ['AG', 'Antigua and Barbuda', ['Antigua'], ['Antiguan'], null],
  ['AI', 'Anguilla', [], ['Anguillan'], null],
  ['AL', 'Albania', [], ['Albanian', 'Albanians'], 'Tirana'],
  ['AM', 'Armenia', [], ['Armenian', 'Armenians'], 'Yerevan'],
  ['AO', 'Angola', [], ['Angolan'], 'Luanda'],
  ['AQ', 'Antarctica', [], [], null],
  ['AS', 'American Samoa', [], [], 'Pago Pago'],
  ['AW', 'Aruba', [], ['Aruban'], 'Oranjestad'],
  ['AX', 'Åland Islands', ['Aland Islands', 'Åland'], [], 'Mariehamn'],
  ['AZ', 'Azerbaijan', [], ['Azerbaijani', 'Azeri'], 'Baku'],
  ['BA', 'Bosnia and Herzegovina', ['Bosnia', 'Bosnia-Herzegovina'], ['Bosnian'], 'Sarajevo'],
  ['BB', 'Barbados', [], ['Barbadian', 'Bajan'], 'Bridgetown'],
  ['BF', 'Burkina Faso', [], ['Burkinabe'], 'Ouagadougou'],
  ['BG', 'Bulgaria', [], ['Bulgarian', 'Bulgarians'], null],
  ['BH', 'Bahrain', [], ['Bahraini'], 'Manama'],
  ['BI', 'Burundi', [], ['Burundian'], 'Gitega'],
  ['BJ', 'Benin', [], ['Beninese'], 'Porto-Novo'],
  ['BL', 'Saint Barthélemy', ['St. Barthélemy', 'St. Barts', 'St Barts'], [], 'Gustavia'],
  ['BM', 'Bermuda', [], ['Bermudian'], null],
  ['BO', 'Bolivia', [], ['Bolivian'], 'La Paz'],
  ['BQ', 'Caribbean Netherlands', ['Bonaire, Sint Eustatius and Saba', 'Bonaire'], [], 'Kralendijk'],
  ['BS', 'Bahamas', ['the Bahamas'], ['Bahamian'], 'Nassau'],
  ['BT', 'Bhutan', [], ['Bhutanese'], 'Thimphu'],
  ['BV', 'Bouvet Island', [], [], null],
  ['BW', 'Botswana', [], ['Motswana', 'Batswana'], 'Gaborone'],
  ['BZ', 'Belize', [], ['Belizean'], 'Belmopan'],
  ['CC', 'Cocos (Keeling) Islands', ['Cocos Islands', 'Keeling Islands'], [], null],
  ['CD', 'Democratic Republic of the Congo', ['DR Congo', 'DRC', 'Congo-Kinshasa'], [], 'Kinshasa'],
  ['CF', 'Central African Republic', [], [], 'Bangui'],
  ['CG', 'Republic of the Congo', ['Congo-Brazzaville'], [], 'Brazzaville'],
  ['CI', "Côte d'Ivoire", ['Ivory Coast', "Cote d'Ivoire", 'Côte d’Ivoire'], ['Ivorian'], 'Yamoussoukro'],
  ['CK', 'Cook Islands', [], [], 'Avarua'],
  ['CM', 'Cameroon', [], ['Cameroonian'], 'Yaoundé'],
  ['CR', 'Costa Rica', [], ['Costa Rican'], null],
  ['CV', 'Cabo Verde', ['Cape Verde'], ['Cape Verdean'], 'Praia'],
  ['CW', 'Curaçao', ['Curacao'], [], 'Willemstad'],
  ['CX', 'Christmas Island', [], [], null],
  ['CY', 'Cyprus', [], ['Cypriot', 'Cypriots'], 'Nicosia'],
  ['DJ', 'Djibouti', [], ['Djiboutian'], null],
  ['DM', 'Dominica', [], [], 'Roseau'],
  ['DO', 'Dominican Republic', [], ['Dominican'], 'Santo Domingo'],
  ['DZ', 'Algeria', [], ['Algerian', 'Algerians'], 'Algiers'],
  ['EC', 'Ecuador', [], ['Ecuadorian'], 'Quito'],
  ['EE', 'Estonia', [], ['Estonian', 'Estonians'], 'Tallinn'],
  ['EH', 'Western Sahara', [], ['Sahrawi'], null],
  ['ER', 'Eritrea', [], ['Eritrean'], 'Asmara'],
  ['FJ', 'Fiji', [], ['Fijian'], 'Suva'],
  ['FK', 'Falkland Islands', ['Falklands'], [], null],
  ['FM', 'Micronesia', ['Federated States of Micronesia'], ['Micronesian'], 'Palikir'],
  ['FO', 'Faroe Islands', ['Faroes'], ['Faroese'], 'Tórshavn'],
  ['GA', 'Gabon', [], ['Gabonese'], 'Libreville'],
  ['GD', 'Grenada', [], ['Grenadian'], null],
  ['GE', 'Georgia', [], [], 'Tbilisi'],
  ['GF', 'French Guiana', [], [], 'Cayenne'],
  ['GG', 'Guernsey', [], [], null],
  ['GH', 'Ghana', [], ['Ghanaian', 'Ghanaians'], 'Accra'],
  ['GI', 'Gibraltar', [], [], null],
  ['GL', 'Greenland', [], ['Greenlandic'], 'Nuuk'],
  ['GM', 'Gambia', ['the Gambia'], ['Gambian'], 'Banjul'],
  ['GN', 'Guinea', [], [], 'Conakry'],
  ['GP', 'Guadeloupe', [], [], 'Basse-Terre'],
  ['GQ', 'Equatorial Guinea', [], ['Equatoguinean'], 'Malabo'],
  ['GS', 'South Georgia and the South Sandwich Islands', [], [], null],
  ['GT', 'Guatemala', [], ['Guatemalan'], 'Guatemala City'],
  ['GU', 'Guam', [], [], 'Hagåtña'],
  ['GW', 'Guinea-Bissau', [], [], 'Bissau'],
  ['GY', 'Guyana', [], ['Guyanese'], null],
  ['HM', 'Heard Island and McDonald Islands', [], [], null],
  ['HN', 'Honduras', [], ['Honduran'], 'Tegucigalpa'],
  ['HR', 'Croatia', [], ['Croatian', 'Croat'], 'Zagreb'],
  ['HT', 'Haiti', [], ['Haitian', 'Haitians'], 'Port-au-Prince'],
  ['IM', 'Isle of Man', [], ['Manx'], null],
  ['IO', 'British Indian Ocean Territory', ['Chagos Islands'], [], null],
  ['IS', 'Iceland', [], ['Icelandic', 'Icelander'], 'Reykjavik'],
  ['JE', 'Jersey', [], [], null],
  ['JM', 'Jamaica', [], ['Jamaican', 'Jamaicans'], null],
  ['JO', 'Jordan', [], ['Jordanian', 'Jordanians'], 'Amman'],
  ['KG', 'Kyrgyzstan', ['Kyrgyz Republic'], ['Kyrgyz'], 'Bishkek'],
  ['KI', 'Kiribati', [], [], null],
  ['KM', 'Comoros', [], ['Comorian'], 'Moroni'],
  ['KN', 'Saint Kitts and Nevis', ['St. Kitts and Nevis', 'St Kitts and Nevis'], ['Kittitian'], 'Basseterre'],
  ['KW', 'Kuwait', [], ['Kuwaiti', 'Kuwaitis'], 'Kuwait City'],
  ['KY', 'Cayman Islands', [], ['Caymanian'], null],
  ['LB', 'Lebanon', [], ['Lebanese'], 'Beirut'],
  ['LC', 'Saint Lucia', ['St. Lucia', 'St Lucia'], ['Saint Lucian'], 'Castries'],
  ['LI', 'Liechtenstein', [], [], 'Vaduz'],
  ['LR', 'Liberia', [], ['Liberian', 'Liberians'], 'Monrovia'],
  ['LS', 'Lesotho', [], ['Mosotho', 'Basotho'], 'Maseru'],
  ['LT', 'Lithuania', [], ['Lithuanian', 'Lithuanians'], 'Vilnius'],
  ['LU', 'Luxembourg', [], ['Luxembourger'], null],
  ['LV', 'Latvia', [], ['Latvian', 'Latvians'], 'Riga'],
  ['LY', 'Libya', [], ['Libyan', 'Libyans'], 'Tripoli'],
  ['MA', 'Morocco', [], ['Moroccan', 'Moroccans'], 'Rabat'],
  ['MC', 'Monaco', [], ['Monegasque'], null],
  ['MD', 'Moldova', [], ['Moldovan'], 'Chisinau'],
  ['ME', 'Montenegro', [], ['Montenegrin'], 'Podgorica'],
  ['MF', 'Saint Martin', ['St. Martin'], [], 'Marigot'],
  ['MG', 'Madagascar', [], ['Malagasy'], 'Antananarivo'],
  ['MH', 'Marshall Islands', [], ['Marshallese'], 'Majuro'],
  ['MK', 'North Macedonia', ['Macedonia'], ['Macedonian'], 'Skopje'],
  ['ML', 'Mali', [], ['Malian'], 'Bamako'],
  ['MO', 'Macau', ['Macao'], ['Macanese'], null],
  ['MP', 'Northern Mariana Islands', [], [], 'Saipan'],
  ['MQ', 'Martinique', [], [], 'Fort-de-France'],
  ['MR', 'Mauritania', [], ['Mauritanian'], 'Nouakchott'],
  ['MS', 'Montserrat', [], [], null],
  ['MT', 'Malta', [], ['Maltese'], 'Valletta'],
  ['MU', 'Mauritius', [], ['Mauritian'], 'Port Louis'],
  ['MV', 'Maldives', ['the Maldives'], ['Maldivian'], null],
  ['MW', 'Malawi', [], ['Malawian'], 'Lilongwe'],
  ['MZ', 'Mozambique', [], ['Mozambican'], 'Maputo'],
  ['NA', 'Namibia', [], ['Namibian'], 'Windhoek'],
  ['NC', 'New Caledonia', [], [], 'Nouméa'],
  ['NE', 'Niger', [], ['Nigerien'], 'Niamey'],
  ['NF', 'Norfolk Island', [], [], null],
  ['NI', 'Nicaragua', [], ['Nicaraguan'], 'Managua'],
  ['NP', 'Nepal', [], ['Nepali', 'Nepalese'], 'Kathmandu'],
  ['NR', 'Nauru', [], ['Nauruan'], null],
  ['NU', 'Niue', [], [], 'Alofi'],
  ['OM', 'Oman', [], ['Omani'], 'Muscat'],
  ['PA', 'Panama', [], ['Panamanian'], 'Panama City'],
  ['PF', 'French Polynesia', [], [], 'Papeete'],
  ['PG', 'Papua New Guinea', ['PNG'], ['Papua New Guinean'], 'Port Moresby'],
  ['PM', 'Saint Pierre and Miquelon', [], [], null],
  ['PN', 'Pitcairn Islands', ['Pitcairn'], [], 'Adamstown'],
  ['PR', 'Puerto Rico', [], ['Puerto Rican', 'Puerto Ricans'], 'San Juan'],
  ['PW', 'Palau', [], ['Palauan'], 'Ngerulmud'],
  ['PY', 'Paraguay', [], ['Paraguayan'], 'Asunción'],
  ['RE', 'Réunion', ['Reunion Island'], [], null],
  ['RS', 'Serbia', [], ['Serbian'], 'Belgrade'],
  ['RW', 'Rwanda', [], ['Rwandan', 'Rwandans'], 'Kigali'],
  ['SB', 'Solomon Islands', [], ['Solomon Islander'], 'Honiara'],
  ['SC', 'Seychelles', [], ['Seychellois'], null],
  ['SD', 'Sudan', [], ['Sudanese'], 'Khartoum'],
  ['SH', 'Saint Helena, Ascension and Tristan da Cunha', ['Saint Helena', 'St Helena', 'St. Helena'], [], null],
  ['SI', 'Slovenia', [], ['Slovenian', 'Slovene'], 'Ljubljana'],
  ['SJ', 'Svalbard and Jan Mayen', ['Svalbard'], [], 'Longyearbyen'],
  ['SK', 'Slovakia', [], ['Slovak', 'Slovakian'], 'Bratislava'],
  ['SL', 'Sierra Leone', [], ['Sierra Leonean'], 'Freetown'],
  ['SM', 'San Marino', [], ['Sammarinese'], null],
  ['SN', 'Senegal', [], ['Senegalese'], 'Dakar'],
  ['SO', 'Somalia', [], ['Somali', 'Somalis'], 'Mogadishu'],
  ['SR', 'Suriname', [], ['Surinamese'], 'Paramaribo'],
  ['SS', 'South Sudan', [], ['South Sudanese'], 'Juba'],
  ['ST', 'São Tomé and Príncipe', ['Sao Tome and Principe'], [], null],
  ['SV', 'El Salvador', [], ['Salvadoran', 'Salvadorans'], 'San Salvador'],
  ['SX', 'Sint Maarten', [], [], 'Philipsburg'],
  ['SZ', 'Eswatini', ['Swaziland'], ['Swazi'], 'Mbabane'],
  ['TC', 'Turks and Caicos Islands', ['Turks and Caicos'], [], 'Cockburn Town'],
  ['TD', 'Chad', [], ['Chadian'], "N'Djamena"],
  ['TF', 'French Southern Territories', [], [], null],
  ['TG', 'Togo', [], ['Togolese'], 'Lomé'],
  ['TJ', 'Tajikistan', [], ['Tajik'], 'Dushanbe'],
  ['TK', 'Tokelau', [], [], null],
  ['TM', 'Turkmenistan', [], ['Turkmen'], 'Ashgabat'],
  ['TN', 'Tunisia', [], ['Tunisian', 'Tunisians'], 'Tunis'],
  ['TO', 'Tonga', [], ['Tongan'], "Nuku'alofa"],
  ['TT', 'Trinidad and Tobago', ['Trinidad'], ['Trinidadian'], 'Port of Spain'],
  ['TV', 'Tuvalu', [], ['Tuvaluan'], 'Funafuti'],
  ['TZ', 'Tanzania', [], ['Tanzanian', 'Tanzanians'], 'Dodoma'],
  ['UG', 'Uganda', [], ['Ugandan', 'Ugandans'], 'Kampala'],
  ['UM', 'United States Minor Outlying Islands', [], [], null],
  ['UY', 'Uruguay', [], ['Uruguayan'], 'Montevideo'],
  ['UZ', 'Uzbekistan', [], ['Uzbek'], 'Tashkent'],
  ['VA', 'Vatican City', ['Holy See'], [], null],
  ['VC', 'Saint Vincent and the Grenadines', ['St. Vincent and the Grenadines'], ['Vincentian'], 'Kingstown'],
  ['VG', 'British Virgin Islands', [], [], 'Road Town'],
  ['VI', 'U.S. Virgin Islands', ['US Virgin Islands'], [], 'Charlotte Amalie'],
  ['VU', 'Vanuatu', [], [], 'Port Vila'],
  ['WF', 'Wallis and Futuna', [], [], 'Mata-Utu'],
  ['WS', 'Samoa', [], ['Samoan'], 'Apia'],
  ['YE', 'Yemen', [], ['Yemeni', 'Yemenis'], 'Sanaa'],
  ['YT', 'Mayotte', [], [], 'Mamoudzou'],
  ['ZM', 'Zambia', [], ['Zambian'], 'Lusaka'],
  ['ZW', 'Zimbabwe', [], ['Zimbabwean', 'Zimbabweans'], 'Harare'],
];

export const COUNTRIES: CountryEntry[] = COUNTRY_ROWS.map(([code, name, aliases, demonyms, capital]) => ({
  code,
  name,
  aliases,
  demonyms,
  capital,
}));

export const COUNTRY_BY_CODE = new Map(COUNTRIES.map((c) => [c.code, c]));

/** Places that are not countries: regions and seas (no code) and non-capital cities (their country's code). */
const OTHER_PLACES: [string, string | null][] = [
  ['Asia', null],
  ['Europe', null],
  ['Africa', null],
  ['Latin America', null],
  ['Middle East', null],
  ['Indo-Pacific', null],
  ['Asia-Pacific', null],
  ['Northeast Asia', null],
  ['Southeast Asia', null],
  ['East Asia', null],
  ['Korean Peninsula', null],
  ['South China Sea', null],
  ['East China Sea', null],
  ['Taiwan Strait', null],
  ['Pacific', null],
  ['Atlantic', null],
  ['Gaza', 'PS'],
  ['Crimea', 'UA'],
  ['Busan', 'KR'],
  ['Incheon', 'KR'],
  ['Pyeongtaek', 'KR'],
  ['Shenzhen', 'CN'],
  ['Shanghai', 'CN'],
  ['Osaka', 'JP'],
  ['New York', 'US'],
  ['New Jersey', 'US'],
  ['California', 'US'],
  ['Texas', 'US'],
  ['Hawaii', 'US'],
  ['Okinawa', 'JP'],
  ['Camp David', 'US'],
  ['Singapore', 'SG'],
  ['Hong Kong', 'HK'],
  ['San Francisco', 'US'],
  ['Los Angeles', 'US'],
  ['Chicago', 'US'],
  ['Boston', 'US'],
  ['Palo Alto', 'US'],
  ['Silicon Valley', 'US'],
  ['Toronto', 'CA'],
  ['Vancouver', 'CA'],
  ['Montreal', 'CA'],
  ['Sydney', 'AU'],
  ['Melbourne', 'AU'],
  ['Mumbai', 'IN'],
  ['Dubai', 'AE'],
  ['Frankfurt', 'DE'],
  ['Munich', 'DE'],
  ['Geneva', 'CH'],
  ['Zurich', 'CH'],
  ['Milan', 'IT'],
  ['Barcelona', 'ES'],
  ['Istanbul', 'TR'],
  ['St. Petersburg', 'RU'],
  ['Nagoya', 'JP'],
  ['Kyoto', 'JP'],
  ['Yokohama', 'JP'],
  ['Guangzhou', 'CN'],
  ['Wuhan', 'CN'],
  ['Ho Chi Minh City', 'VN'],
  ['Daegu', 'KR'],
  ['Gwangju', 'KR'],
  ['Jeju', 'KR'],
  ['Kaesong', 'KP'],
];

export interface PlaceMatch {
  /** Canonical name: the country's name, or the city's or region's. */
  name: string;
  /** ISO code of the country (for a city, the country it is in). */
  code: string | null;
  /** 'country' (also for capitals used for the government), 'city' or 'region'. */
  type: 'country' | 'city' | 'region';
  /** The capital standing for its government ("Washington said"). */
  viaCapital: boolean;
  viaDemonym: boolean;
}

/** Every surface form we look for, longest first so "North Korean" wins over "Korean". */
export interface PlaceForm {
  form: string;
  resolve: (context: { before: string; after: string }) => PlaceMatch | null;
}

// A capital after one of these words is the city itself ("a visit to Seoul"), not the government.
const LOCATIVE_BEFORE = /\b(?:in|to|near|outside|visit(?:ed|s)? to|trip to|arrived in|based in|held in|around)\s*$/i;

// "the Seoul metropolitan area", "Beijing's city government": the city, not the government.
const CITY_AFTER = /^(?:['’]s)?\s+(?:metropolitan|city|area|district|suburbs?|mayor|residents|streets|downtown|airport|office)\b/;

function buildForms(): PlaceForm[] {
  const forms: PlaceForm[] = [];
  const country = (c: CountryEntry, extra: Partial<PlaceMatch> = {}): PlaceMatch => ({
    name: c.name,
    code: c.code,
    type: 'country',
    viaCapital: false,
    viaDemonym: false,
    ...extra,
  });
  for (const c of COUNTRIES) {
    for (const form of [c.name, ...c.aliases]) forms.push({ form, resolve: () => country(c) });
    for (const form of c.demonyms) forms.push({ form, resolve: () => country(c, { viaDemonym: true }) });
    if (c.capital) {
      const capital = c.capital;
      forms.push({
        form: capital,
        resolve: ({ before, after }) => (LOCATIVE_BEFORE.test(before) || CITY_AFTER.test(after) ? { name: capital, code: c.code, type: 'city', viaCapital: false, viaDemonym: false } : country(c, { viaCapital: true })),
      });
    }
  }
  for (const [name, code] of OTHER_PLACES) {
    if (forms.some((f) => f.form === name)) continue;
    const type = code ? 'city' : 'region';
    forms.push({ form: name, resolve: () => ({ name, code, type, viaCapital: false, viaDemonym: false }) });
  }
  return forms.sort((a, b) => b.form.length - a.form.length);
}

export const PLACE_FORMS: PlaceForm[] = buildForms();

const FORM_INDEX = new Map(PLACE_FORMS.map((f) => [f.form, f]));

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// One alternation, longest first; a form must not sit inside a longer word ("Korea-US" gives both).
export const PLACE_PATTERN = new RegExp(`(?<![\\p{L}\\p{N}])(?:${PLACE_FORMS.map((f) => escapeRegExp(f.form)).join('|')})(?![\\p{L}\\p{N}$])`, 'gu');

export function placeForm(form: string): PlaceForm | undefined {
  return FORM_INDEX.get(form);
}

/** The country a name or code denotes, if any ("USA", "South Korea's" without the 's, "KR"). */
export function countryByName(name: string): CountryEntry | undefined {
  const form = FORM_INDEX.get(name);
  const match = form?.resolve({ before: '', after: '' });
  if (match?.type === 'country' && match.code) return COUNTRY_BY_CODE.get(match.code);
  return COUNTRY_BY_CODE.get(name.toUpperCase());
}
