import { BrowserWindow } from "electron";
import { pdfTemplates, type PdfPrinter } from "../services/pdf";

/**
 * PDF export in the desktop app: Electron's own Chromium prints the report's HTML
 * (webContents.printToPDF), so the installed app needs no separate browser. The report is a
 * self-contained page without scripts; it is loaded in a hidden, sandboxed window with
 * JavaScript off, and the window is destroyed after printing.
 */
export function createElectronPrinter(): PdfPrinter {
  return {
    async print(html, options) {
      const win = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
      });
      try {
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        const { headerTemplate, footerTemplate } = pdfTemplates(options);
        return await win.webContents.printToPDF({
          pageSize: options.paper,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate,
          footerTemplate,
          margins: { top: 0.6, bottom: 0.6, left: 0.5, right: 0.5 },
        });
      } finally {
        win.destroy();
      }
    },
  };
}
