import { CHROMIUM_ARGS, chromiumPath as chromiumPathFrom } from "../../main/services/pdf";

/**
 * The browser the e2e suite and `npm run bench:ui` drive: the same Debian Chromium (or
 * EHLO_CHROMIUM) and quiet flags the PDF printer uses, never a downloaded browser.
 */
export { CHROMIUM_ARGS };
export const chromiumPath: string = chromiumPathFrom();
