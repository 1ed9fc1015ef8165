// Popup entry: mounts the checklist for `?domain=` (docs/contracts.md), else for the registrar page's zone, the
// gateway's domains or a typed domain, with the browser's real services.
import { render } from 'preact';
import { createBrowserServices } from '../../popup/browser-services.ts';
import { readDomainParam } from '../../popup/domain-param.ts';
import { PopupApp } from '../../popup/popup-app.tsx';
import '../../popup/popup.css';

const root = document.getElementById('app');
if (root) render(<PopupApp domain={readDomainParam(location.search)} services={createBrowserServices()} />, root);
