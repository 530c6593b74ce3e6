/** Crew region used by the planner. */
export type Region = 'west' | 'gulf' | 'east';

export interface PortEntry {
  readonly id: string;
  /** Short slug used in facility ids. */
  readonly slug: string;
  /** `port` (and `state`) as spelled in us-container-ports.json; absent: the port is only in terminal-cranes.json. */
  readonly portsName?: string;
  readonly state: string;
  /** `port` as spelled in terminal-cranes.json (absent: no terminal records). */
  readonly cranesName?: string;
  readonly region: Region;
}

/**
 * The 25 ports of us-container-ports.json plus Tampa, which only terminal-cranes.json has. Region rule: 'west' = CA/WA/OR/HI/AK; 'gulf' = TX/LA/MS/AL and
 * Florida's Gulf side (Tampa); 'east' = everything else (Atlantic coast, Atlantic Florida, Puerto Rico).
 */
export const PORT_TABLE: readonly PortEntry[] = [
  {
    id: 'port-los-angeles',
    slug: 'lax',
    state: 'CA',
    portsName: 'Los Angeles',
    cranesName: 'Los Angeles',
    region: 'west',
  },
  {
    id: 'port-long-beach',
    slug: 'lgb',
    state: 'CA',
    portsName: 'Long Beach',
    cranesName: 'Long Beach',
    region: 'west',
  },
  {
    id: 'port-new-york-new-jersey',
    slug: 'nynj',
    state: 'NY/NJ',
    portsName: 'New York/New Jersey',
    cranesName: 'New York/New Jersey',
    region: 'east',
  },
  {
    id: 'port-savannah',
    slug: 'sav',
    state: 'GA',
    portsName: 'Savannah (Georgia Ports Authority)',
    cranesName: 'Savannah (GPA)',
    region: 'east',
  },
  {
    id: 'port-houston',
    slug: 'hou',
    state: 'TX',
    portsName: 'Houston (Port Houston)',
    cranesName: 'Houston',
    region: 'gulf',
  },
  {
    id: 'port-virginia',
    slug: 'orf',
    state: 'VA',
    portsName: 'Virginia (Norfolk / Hampton Roads)',
    cranesName: 'Virginia (Norfolk)',
    region: 'east',
  },
  {
    id: 'port-nwsa',
    slug: 'nwsa',
    state: 'WA',
    portsName: 'Northwest Seaport Alliance (Seattle & Tacoma)',
    cranesName: 'NWSA (Seattle & Tacoma)',
    region: 'west',
  },
  {
    id: 'port-charleston',
    slug: 'chs',
    state: 'SC',
    portsName: 'Charleston (SC Ports)',
    cranesName: 'Charleston (SC Ports)',
    region: 'east',
  },
  {
    id: 'port-oakland',
    slug: 'oak',
    state: 'CA',
    portsName: 'Oakland',
    cranesName: 'Oakland',
    region: 'west',
  },
  {
    id: 'port-miami',
    slug: 'mia',
    state: 'FL',
    portsName: 'Miami (PortMiami)',
    cranesName: 'Miami (PortMiami)',
    region: 'east',
  },
  {
    id: 'port-everglades',
    slug: 'pev',
    state: 'FL',
    portsName: 'Port Everglades',
    cranesName: 'Port Everglades',
    region: 'east',
  },
  {
    id: 'port-baltimore',
    slug: 'bal',
    state: 'MD',
    portsName: 'Baltimore',
    cranesName: 'Baltimore',
    region: 'east',
  },
  {
    id: 'port-jacksonville',
    slug: 'jax',
    state: 'FL',
    portsName: 'Jacksonville (JAXPORT)',
    cranesName: 'Jacksonville (JAXPORT)',
    region: 'east',
  },
  {
    id: 'port-philadelphia',
    slug: 'phl',
    state: 'PA',
    portsName: 'Philadelphia (PhilaPort)',
    cranesName: 'Philadelphia (PhilaPort)',
    region: 'east',
  },
  {
    id: 'port-wilmington-nc',
    slug: 'ilm',
    state: 'NC',
    portsName: 'Wilmington',
    cranesName: 'Wilmington NC',
    region: 'east',
  },
  { id: 'port-mobile', slug: 'mob', state: 'AL', portsName: 'Mobile', cranesName: 'Mobile', region: 'gulf' },
  {
    id: 'port-new-orleans',
    slug: 'msy',
    state: 'LA',
    portsName: 'New Orleans',
    cranesName: 'New Orleans',
    region: 'gulf',
  },
  { id: 'port-boston', slug: 'bos', state: 'MA', portsName: 'Boston', cranesName: 'Boston', region: 'east' },
  {
    id: 'port-san-juan',
    slug: 'sju',
    state: 'PR',
    portsName: 'San Juan',
    cranesName: 'San Juan',
    region: 'east',
  },
  {
    id: 'port-honolulu',
    slug: 'hnl',
    state: 'HI',
    portsName: 'Honolulu',
    cranesName: 'Honolulu',
    region: 'west',
  },
  {
    id: 'port-anchorage',
    slug: 'anc',
    state: 'AK',
    portsName: 'Anchorage (Don Young Port of Alaska)',
    region: 'west',
  },
  {
    id: 'port-hueneme',
    slug: 'hue',
    state: 'CA',
    portsName: 'Port Hueneme',
    cranesName: 'Port Hueneme',
    region: 'west',
  },
  {
    id: 'port-san-diego',
    slug: 'san',
    state: 'CA',
    portsName: 'San Diego',
    cranesName: 'San Diego',
    region: 'west',
  },
  {
    id: 'port-wilmington-de',
    slug: 'ilg',
    state: 'DE',
    portsName: 'Wilmington',
    cranesName: 'Wilmington DE',
    region: 'east',
  },
  { id: 'port-tampa', slug: 'tpa', state: 'FL', cranesName: 'Tampa (Port Tampa Bay)', region: 'gulf' },
  {
    id: 'port-gulfport',
    slug: 'gpt',
    state: 'MS',
    portsName: 'Gulfport',
    cranesName: 'Gulfport',
    region: 'gulf',
  },
];

export interface PortWideCount {
  readonly cranes: number;
  readonly citation: string;
  readonly confidence: 'H' | 'M' | 'L';
}

/**
 * Port-wide STS counts that are more complete than the sum of the port's terminal records
 * (terminal-cranes.md §3 "Port-wide figure used").
 */
export const PORT_WIDE_COUNTS: Readonly<Record<string, PortWideCount>> = {
  'port-los-angeles': {
    cranes: 82,
    citation:
      'Port of LA: "82 container cranes" (Wikipedia infobox c.2020-22, iiab.me mirror); terminal-cranes.md §3',
    confidence: 'M',
  },
  'port-long-beach': {
    cranes: 74,
    citation:
      'Port of Long Beach 2016 Facilities Guide, 74 gantry cranes (paperzz.com/doc/9093228); terminal-cranes.md §3',
    confidence: 'H',
  },
  'port-houston': {
    cranes: 28,
    citation:
      'Port Houston fleet of 28 STS (2022 and 2024 releases; theuncontained.com); terminal-cranes.md §3',
    confidence: 'H',
  },
  'port-virginia': {
    cranes: 29,
    citation: '29 deep-water ULCV-capable STS, Feb 2026 (bairdmaritime.com); terminal-cranes.md §3',
    confidence: 'M',
  },
};

export function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Facility id from a terminal name: the name without its parenthesised part, at most five words. */
export function facilityIdFor(port: PortEntry, terminalName: string): string {
  const base = terminalName
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const words = slugify(base)
    .split('-')
    .filter((w) => w.length > 0)
    .slice(0, 5);
  return `fac-${port.slug}-${words.join('-')}`;
}
