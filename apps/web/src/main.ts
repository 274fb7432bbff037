// Entry point of the web twin.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { h } from './h.ts';
import { App } from './ui/App.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('web: no #root element');
createRoot(root).render(h(StrictMode, null, h(App, null)));
