import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { getApi } from "../api";
import { KnowledgeProvider } from "../state/knowledge";
import { usePreferences } from "../state/preferences";
import { useAppInfo } from "../state/use-app-info";
import { useCheckSession } from "../state/use-check-session";
import { useConnection } from "../state/use-connection";
import { AppHeader, type View } from "./AppHeader";
import { CheckPage } from "./CheckPage";
import { ConnectionBanner } from "./ConnectionBanner";

// The code reference is not needed to run a check: it loads when first opened.
const CodeReference = lazy(() => import("./CodeReference").then((m) => ({ default: m.CodeReference })));

export function App() {
  const { t } = useTranslation();
  const api = getApi();
  const prefs = usePreferences();
  const connection = useConnection(api.connection);
  const info = useAppInfo(api.bridge);
  const session = useCheckSession(api.bridge, api.connection);
  const [view, setView] = useState<View>("check");
  return (
    <KnowledgeProvider lang={prefs.lang}>
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <AppHeader view={view} onView={setView} prefs={prefs} connection={connection} version={info?.version ?? null} />
      <ConnectionBanner state={connection} monitor={api.connection} />
      <main id="main" className="app-main" tabIndex={-1}>
        <h1 className="sr-only">{t(`app.view.${view}`)}</h1>
        {view === "check" ? (
          <CheckPage session={session} info={info} onOpenReference={() => setView("reference")} />
        ) : (
          <Suspense fallback={<p className="panel muted">{t("knowledge.loading")}</p>}>
            <CodeReference />
          </Suspense>
        )}
      </main>
    </KnowledgeProvider>
  );
}
