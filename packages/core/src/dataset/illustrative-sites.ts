import type { Asset, Component } from '../model/asset.js';
import type { Facility, FacilityKind } from '../model/facility.js';
import type { Supplier } from '../model/supplier.js';
import { units } from '../model/units.js';
import { ids } from '../model/ids.js';
import { estimated } from '../model/provenance.js';

const ILLUSTRATIVE = estimated(
  'illustrative sample site: invented to exercise the CCTV path, not a real inventory',
);

interface SiteSpec {
  readonly slug: string;
  readonly kind: FacilityKind;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly region: string;
  readonly cameras: number;
  readonly vendor: 'hikvision' | 'dahua';
}

const SITES: readonly SiteSpec[] = [
  {
    slug: 'eoc-gulf-coast',
    kind: 'emergency-operations-center',
    name: 'Sample Gulf Coast County EOC (illustrative)',
    lat: 29.76,
    lon: -95.37,
    region: 'gulf',
    cameras: 8,
    vendor: 'hikvision',
  },
  {
    slug: 'eoc-tidewater',
    kind: 'emergency-operations-center',
    name: 'Sample Tidewater City EOC (illustrative)',
    lat: 36.85,
    lon: -76.29,
    region: 'east',
    cameras: 6,
    vendor: 'dahua',
  },
  {
    slug: 'eoc-bay-area',
    kind: 'emergency-operations-center',
    name: 'Sample Bay Area County EOC (illustrative)',
    lat: 37.8,
    lon: -122.27,
    region: 'west',
    cameras: 6,
    vendor: 'hikvision',
  },
  {
    slug: 'gov-state-office',
    kind: 'government-site',
    name: 'Sample State Transportation Office (illustrative)',
    lat: 32.08,
    lon: -81.09,
    region: 'east',
    cameras: 4,
    vendor: 'dahua',
  },
  {
    slug: 'pa-harbor-hq',
    kind: 'port-authority-site',
    name: 'Sample Harbor Department HQ (illustrative)',
    lat: 33.77,
    lon: -118.2,
    region: 'west',
    cameras: 5,
    vendor: 'hikvision',
  },
];

const VENDOR = {
  hikvision: { orgId: 'ce-hikvision', name: 'Hikvision', camera: 'DS-2CD2143G2-I', nvr: 'DS-7608NI-K2' },
  dahua: { orgId: 'ce-dahua', name: 'Dahua', camera: 'IPC-HFW2431S-S-S2', nvr: 'NVR4108HS-4KS2' },
} as const;

const hex2 = (n: number) => n.toString(16).padStart(2, '0');
/** Locally administered MACs (02:…), so no real vendor prefix is claimed. */
const mac = (site: number, host: number) => `02:50:47:${hex2(site)}:00:${hex2(host)}`;

export function buildIllustrativeSites(): {
  facilities: Facility[];
  assets: Asset[];
  components: Component[];
} {
  const facilities: Facility[] = [];
  const assets: Asset[] = [];
  const components: Component[] = [];
  SITES.forEach((s, si) => {
    const facilityId = ids.facility(`fac-${s.slug}`);
    const v = VENDOR[s.vendor];
    facilities.push({
      id: facilityId,
      kind: s.kind,
      name: s.name,
      location: { lat: s.lat, lon: s.lon },
      region: s.region,
      provenance: { name: ILLUSTRATIVE, location: ILLUSTRATIVE },
    });
    const subnet = `10.${60 + si}.10`;
    const add = (kind: 'cctv-camera' | 'nvr-vms', n: number, model: string, host: number) => {
      const assetId = ids.asset(
        `${kind === 'cctv-camera' ? 'cam' : 'nvr'}-${s.slug}-${String(n).padStart(2, '0')}`,
      );
      assets.push({
        id: assetId,
        facilityId,
        kind,
        makerId: ids.organisation(v.orgId),
        makerName: v.name,
        model,
        status: 'in-service',
        criticality: kind === 'nvr-vms' ? 'high' : 'medium',
        provenance: { facilityId: ILLUSTRATIVE, makerName: ILLUSTRATIVE, model: ILLUSTRATIVE },
      });
      components.push({
        id: ids.component(`${assetId}-nic`),
        assetId,
        kind: kind === 'cctv-camera' ? 'camera' : 'software',
        makerId: ids.organisation(v.orgId),
        makerName: v.name,
        model,
        network: { ips: [`${subnet}.${host}`], macs: [mac(si, host)], imeis: [] },
        provenance: { network: ILLUSTRATIVE },
      });
    };
    add('nvr-vms', 1, v.nvr, 10);
    for (let c = 1; c <= s.cameras; c++) add('cctv-camera', c, v.camera, 100 + c);
  });
  return { facilities, assets, components };
}

const ILLUSTRATIVE_PRICES = estimated(
  'illustrative: invented, like the sample sites, to exercise the CCTV replacement path; ESTIMATE in the range of ' +
    'enterprise IP cameras ($500-1,500) and small network video recorders ($2,000-6,000); replace with a quote',
);

/**
 * A trusted integrator for the sample sites' covered cameras and recorders (their replacement rule), so that the
 * bundled dataset plans them: invented, like the sites, and named so.
 */
export function buildIllustrativeCameraSupplier(): Supplier {
  return {
    id: ids.supplier('sup-sample-cctv-integrator'),
    name: 'Sample CCTV integrator (illustrative)',
    country: 'US',
    trusted: true,
    trustReason:
      'Illustrative: installs cameras and recorders without components of the FCC-covered or §889 firms (Hikvision, Dahua, Hytera, Huawei, ZTE)',
    offers: [
      { sizeClass: 'cctv-camera', priceCents: units.usd(900), capacityPerQuarter: 60 },
      { sizeClass: 'nvr-vms', priceCents: units.usd(4_500), capacityPerQuarter: 10 },
    ],
    leadTimeMonths: { min: 1, mode: 2, max: 4 },
    deliveryModes: [{ mode: 'fully-erected', commissioningMonths: { min: 0.5, mode: 1, max: 2 } }],
    tariffRate: 0,
    installationCents: units.usd(600),
    provenance: {
      offers: ILLUSTRATIVE_PRICES,
      leadTimeMonths: ILLUSTRATIVE_PRICES,
      deliveryModes: ILLUSTRATIVE_PRICES,
      installationCents: ILLUSTRATIVE_PRICES,
    },
  };
}

const ILLUSTRATIVE_CRANE = estimated(
  'illustrative crane components: invented addresses; the House HSC/CCP report (2024-09-12) found cellular modems on ZPMC crane components at one U.S. port',
);

/** PLC, drive and (on some) a cellular modem for a few cranes, so the component path has real data. */
export function buildIllustrativeCraneComponents(
  craneIds: readonly string[],
  withModem: ReadonlySet<string>,
): Component[] {
  const out: Component[] = [];
  craneIds.forEach((craneId, i) => {
    const assetId = ids.asset(craneId);
    const subnet = `10.40.${i + 1}`;
    out.push({
      id: ids.component(`${craneId}-plc`),
      assetId,
      kind: 'plc',
      makerName: 'Siemens',
      model: 'SIMATIC S7-1500',
      network: { ips: [`${subnet}.10`], macs: [`02:43:52:${hex2(i + 1)}:00:10`], imeis: [] },
      provenance: { network: ILLUSTRATIVE_CRANE, makerName: ILLUSTRATIVE_CRANE },
    });
    out.push({
      id: ids.component(`${craneId}-drive`),
      assetId,
      kind: 'drive',
      makerName: 'ABB',
      model: 'ACS880',
      network: { ips: [`${subnet}.20`], macs: [`02:43:52:${hex2(i + 1)}:00:20`], imeis: [] },
      provenance: { network: ILLUSTRATIVE_CRANE, makerName: ILLUSTRATIVE_CRANE },
    });
    if (withModem.has(craneId)) {
      out.push({
        id: ids.component(`${craneId}-modem`),
        assetId,
        kind: 'cellular-modem',
        makerName: 'unknown',
        model: 'LTE industrial router',
        network: {
          ips: [`${subnet}.250`],
          macs: [`02:43:52:${hex2(i + 1)}:00:fa`],
          imeis: [`49015420323751${i % 10}`],
        },
        provenance: { network: ILLUSTRATIVE_CRANE, makerName: ILLUSTRATIVE_CRANE },
      });
    }
  });
  return out;
}
