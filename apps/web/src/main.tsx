// Entry point of the web twin.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('web: no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
