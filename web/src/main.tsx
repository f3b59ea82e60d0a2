import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Explorer } from './pages/Explorer';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Explorer />
    </StrictMode>,
  );
}
