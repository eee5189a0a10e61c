// `npm start`: build the web app if needed, then run the Node server (libSQL file, demo).
import { ensureWebBuild } from './web-build';

ensureWebBuild();
await import('../api/node').then((m) => m.main());
