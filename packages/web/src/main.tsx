import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { prefetch } from './components/use-api.js';
import './styles.css';

// The landing page's data starts loading with the session check, not after it.
prefetch('/api/auth/me');
if (location.pathname === '/') prefetch('/api/dashboard/overview');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
