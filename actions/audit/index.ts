// The action's entry point (action.yml runs dist/audit/index.js, bundled from this file);
// main.ts holds the logic so that tests can import it without running it.
import { runAction } from '../runner.js';
import { name, run } from './main.js';

void runAction(name, run);
