// Setup of the extension's unit tests: Testing Library's async queries wait long enough for a loaded CI machine.
import { configure } from '@testing-library/preact';

// waitFor and findBy* give up after 1 s by default: under CI load (2 cores shared with other jobs) a render or a fake
// client's answer can take longer. A condition that never holds still fails, only later.
configure({ asyncUtilTimeout: 10_000 });
