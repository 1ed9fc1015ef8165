// Background service worker: placeholder until the popup relays fills through it.
import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {});
