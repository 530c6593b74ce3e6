import { geoAlbersUsa, geoMercator, geoPath } from 'd3-geo';
import { useMemo } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import states from 'us-atlas/states-albers-10m.json';
import type { PortPoint } from '../../api/types.js';
import { navigate } from '../../router.js';
import { int, teu } from '../../format.js';

// states-albers-10m is already projected (geoAlbersUsa, 975×610), so drawing it needs no projection math.
const W = 975;
const H = 610;
const projection = geoAlbersUsa().scale(1300).translate([487.5, 305]);
const topo = states as unknown as Topology<{ states: GeometryCollection }>;

// geoAlbersUsa leaves out Puerto Rico (San Juan's port): draw it in an inset box at the bottom right.
const PR_INSET = { x: 835, y: 545, w: 130, h: 55 };
const prProjection = geoMercator().fitExtent(
  [
    [PR_INSET.x + 10, PR_INSET.y + 18],
    [PR_INSET.x + PR_INSET.w - 10, PR_INSET.y + PR_INSET.h - 8],
  ],
  {
    type: 'MultiPoint',
    coordinates: [
      [-67.3, 17.9],
      [-65.2, 18.55],
    ],
  },
);
const inPuertoRico = (lon: number, lat: number) => lon > -68 && lon < -65 && lat > 17.5 && lat < 18.7;
const project = (lon: number, lat: number): [number, number] | null =>
  inPuertoRico(lon, lat) ? prProjection([lon, lat]) : projection([lon, lat]);

/** Untrusted cranes remaining -> colour (sequential, dark enough for white labels). */
export const riskColour = (n: number): string =>
  n === 0 ? '#007a5a' : n <= 2 ? '#9a6b00' : n <= 8 ? '#D55E00' : '#8B1A1A';

export function UsMap(props: { ports: readonly PortPoint[] }) {
  const paths = useMemo(() => {
    const path = geoPath();
    return feature(topo, topo.objects.states).features.map((f) => path(f) ?? '');
  }, []);
  const maxDemand = Math.max(1, ...props.ports.map((p) => p.demandTeuPerYear));
  const points = props.ports
    .map((p) => ({ p, xy: project(p.lon, p.lat) }))
    .filter((x): x is { p: PortPoint; xy: [number, number] } => x.xy !== null)
    .sort((a, b) => b.p.demandTeuPerYear - a.p.demandTeuPerYear);
  return (
    <div className="map-wrap">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="us-map"
        data-testid="us-map"
        role="group"
        aria-label="Ports by throughput (circle area) and untrusted cranes remaining (colour)"
      >
        <g className="states">
          {paths.map((d, i) => (
            <path key={i} d={d} />
          ))}
        </g>
        <g className="inset" aria-hidden="true">
          <rect
            x={PR_INSET.x}
            y={PR_INSET.y}
            width={PR_INSET.w}
            height={PR_INSET.h}
            fill="none"
            stroke="#9aa5b1"
          />
          <text x={PR_INSET.x + 6} y={PR_INSET.y + 13} fontSize="11" fill="#4a5561">
            Puerto Rico
          </text>
        </g>
        <g>
          {points.map(({ p, xy }) => (
            <a
              key={p.portId}
              href={`/ports/${p.portId}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/ports/${p.portId}`);
              }}
              aria-label={`${p.name}: ${p.untrustedCranes} untrusted of ${p.stsCranes} STS cranes, ${teu(p.demandTeuPerYear)} a year`}
              className="port-dot"
            >
              <circle
                cx={xy[0]}
                cy={xy[1]}
                r={4 + 26 * Math.sqrt(p.demandTeuPerYear / maxDemand)}
                fill={riskColour(p.untrustedCranes)}
              />
              <title>{`${p.name} (${p.state}) — ${int(p.untrustedCranes)} untrusted / ${int(p.stsCranes)} STS cranes; ${teu(p.demandTeuPerYear)}/yr`}</title>
            </a>
          ))}
        </g>
      </svg>
      <ul className="legend" aria-label="Legend">
        <li>
          <span className="swatch" style={{ background: riskColour(0) }} /> none untrusted
        </li>
        <li>
          <span className="swatch" style={{ background: riskColour(1) }} /> 1–2
        </li>
        <li>
          <span className="swatch" style={{ background: riskColour(5) }} /> 3–8
        </li>
        <li>
          <span className="swatch" style={{ background: riskColour(9) }} /> more than 8
        </li>
        <li className="muted">circle area ∝ throughput</li>
      </ul>
    </div>
  );
}
