// `node --import ./register.mjs out/electron/main.js`: runs the bundled Electron main process in
// plain Node with `electron` resolved to the stand-in beside this file. The Electron binary cannot
// be downloaded on CI; this is the closest real run of the bundle there is. Test-only code.
import { register } from "node:module";

register("./hooks.mjs", import.meta.url);
