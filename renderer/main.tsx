import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./components/App";
import { setupI18n } from "./i18n/setup";
import { applyTheme, initialLanguage, initialTheme } from "./state/preferences";
import "./styles/themes.css";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/form.css";
import "./styles/timeline.css";
import "./styles/panels.css";
import "./styles/findings.css";
import "./styles/explain.css";
import "./styles/reference.css";
import "./styles/history.css";
import "./styles/run-compare.css";

// Theme and language before the first paint, so there is no flash of the wrong ones.
applyTheme(initialTheme());
setupI18n(initialLanguage());

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
