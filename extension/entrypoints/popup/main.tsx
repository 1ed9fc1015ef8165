// Popup entry: mounts the checklist app for the domain named in `?domain=` (contracts.md).
import { render } from 'preact';
import { PopupApp } from '../../popup/popup-app.tsx';
import { readDomainParam } from '../../popup/domain-param.ts';

const root = document.getElementById('app');
if (root) render(<PopupApp domain={readDomainParam(location.search)} />, root);
