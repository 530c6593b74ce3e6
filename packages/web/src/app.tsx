import { useEffect, useState } from 'react';
import { api, setCsrfToken } from './api/client.js';
import { takePrefetched } from './components/use-api.js';
import type { Me } from './api/types.js';
import { FindingsPage } from './features/findings/findings.js';
import { ImportsPage } from './features/imports/imports.js';
import { LoginPage } from './features/login/login.js';
import { OverviewPage } from './features/overview/overview.js';
import { PlansPage } from './features/plans/plans.js';
import { PortPage } from './features/port/port-page.js';
import { ProgramPage } from './features/program/program.js';
import { ScenariosPage } from './features/scenarios/scenarios.js';
import { SitePage } from './features/site/site-page.js';
import { Link, navigate, usePath } from './router.js';

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const path = usePath();
  useEffect(() => {
    takePrefetched<{ user: Me; csrfToken: string | null }>('/api/auth/me').then(
      (r) => {
        setCsrfToken(r.csrfToken);
        setMe(r.user);
      },
      () => setMe(null),
    );
  }, []);
  if (me === undefined) return <p className="muted pad">Loading…</p>;
  if (me === null)
    return (
      <LoginPage
        onLogin={(u) => {
          setMe(u);
          navigate(homeOf(u));
        }}
      />
    );
  const nav: [string, string][] = [
    [homeOf(me), homeLabel(me)],
    ['/findings', 'Findings'],
    ['/plans', 'Plans'],
    ['/scenarios', 'Scenarios'],
    ['/program', 'Program'],
    ...(me.role === 'admin' || me.role === 'program-office'
      ? [['/imports', 'Imports'] as [string, string]]
      : []),
  ];
  const port = /^\/ports\/([^/]+)$/.exec(path);
  const site = /^\/sites\/([^/]+)$/.exec(path);
  let page: React.ReactNode;
  if (port?.[1]) page = <PortPage portId={decodeURIComponent(port[1])} />;
  else if (site?.[1]) page = <SitePage facilityId={decodeURIComponent(site[1])} />;
  else if (path === '/findings') page = <FindingsPage me={me} />;
  else if (path === '/plans') page = <PlansPage me={me} />;
  else if (path === '/scenarios') page = <ScenariosPage me={me} />;
  else if (path === '/program') page = <ProgramPage me={me} />;
  else if (path === '/imports') page = <ImportsPage me={me} />;
  else page = <OverviewPage />;
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">PortGuard</span>
        <nav aria-label="Main">
          {nav.map(([to, label]) => (
            <Link key={to} to={to} className={path === to ? 'active' : ''}>
              {label}
            </Link>
          ))}
        </nav>
        <span className="who">
          {me.username} · {me.role}{' '}
          <button
            type="button"
            onClick={() => {
              void api.post('/api/auth/logout').finally(() => {
                setCsrfToken(null);
                setMe(null);
                navigate('/');
              });
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}

/**
 * A port operator with one port lands on it, and one with a single site and no port (an emergency operations center's
 * manager) on that site's page; everyone else on the overview.
 */
const homeOf = (me: Me): string =>
  me.role !== 'port-operator'
    ? '/'
    : me.portIds.length === 1
      ? `/ports/${me.portIds[0]}`
      : me.portIds.length === 0 && me.facilityIds.length === 1
        ? `/sites/${me.facilityIds[0]}`
        : '/';

const homeLabel = (me: Me): string =>
  me.role !== 'port-operator' ? 'Overview' : homeOf(me).startsWith('/sites/') ? 'My site' : 'My port';
