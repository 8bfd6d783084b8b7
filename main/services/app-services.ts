import path from "node:path";
import { appDataDir } from "./data-dir";
import { createHistoryRecorder, type HistoryRecorder } from "./history-recorder";
import { openHistoryStore, type HistoryStore } from "./history-store";
import { createChromiumPrinter, type PdfPrinter } from "./pdf";

/**
 * What the interactive faces' services share: the history (and the recorder that saves every
 * finished check into it) and the PDF printer. The session hub gets them as an option, so a face
 * can inject what only it has (Electron's printToPDF) and tests a history in a temporary folder;
 * by default they follow EHLO_DATA_DIR or the OS data folder, and print with headless Chromium.
 */
export interface AppServices {
  readonly history: HistoryStore;
  readonly recorder: HistoryRecorder;
  readonly printer: PdfPrinter;
}

export interface AppServicesOptions {
  history?: HistoryStore;
  printer?: PdfPrinter;
  env?: Record<string, string | undefined>;
  /** Where background failures (a save that could not be written) are reported. */
  onError?: (message: string) => void;
}

export function createAppServices(options: AppServicesOptions = {}): AppServices {
  const history = options.history ?? openHistoryStore({ env: options.env });
  const onError = options.onError ?? ((message: string) => console.error(message));
  return { history, recorder: createHistoryRecorder(history, onError), printer: options.printer ?? createChromiumPrinter() };
}

/**
 * One set per data folder for the whole process: every window and every WebSocket shares the
 * history, so a run saved by one is awaited and listed by another. Keyed by the folder, read
 * from the environment when asked, so EHLO_DATA_DIR set later (tests) is honoured.
 */
const shared = new Map<string, AppServices>();

export function defaultAppServices(env: Record<string, string | undefined> = process.env): AppServices {
  const dir = path.join(appDataDir(env), "history");
  let services = shared.get(dir);
  if (!services) {
    services = createAppServices({ history: openHistoryStore({ dir }) });
    shared.set(dir, services);
  }
  return services;
}
