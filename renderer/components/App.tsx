import { lazy, Suspense, useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { getApi } from "../api";
import { DEFAULT_FORM, type FormState } from "../model/form";
import { KnowledgeProvider } from "../state/knowledge";
import { usePreferences } from "../state/preferences";
import { useAppInfo } from "../state/use-app-info";
import { useCheckSession } from "../state/use-check-session";
import { useConnection } from "../state/use-connection";
import { useDesktop } from "../state/use-desktop";
import { useGuided } from "../state/use-guided";
import { useMatrixView } from "../state/use-matrix-view";
import { useRunActions } from "../state/use-run-actions";
import { AppHeader, type View } from "./AppHeader";
import { CheckPage } from "./CheckPage";
import { ConnectionBanner } from "./ConnectionBanner";

// None of these is needed to run a check: each loads when first opened.
const CodeReference = lazy(() => import("./CodeReference").then((m) => ({ default: m.CodeReference })));
const HistoryView = lazy(() => import("./HistoryView").then((m) => ({ default: m.HistoryView })));
const GuidedPage = lazy(() => import("./GuidedPage").then((m) => ({ default: m.GuidedPage })));
const MatrixPage = lazy(() => import("./MatrixPage").then((m) => ({ default: m.MatrixPage })));

export function App() {
  const { t } = useTranslation();
  const api = getApi();
  const prefs = usePreferences();
  const connection = useConnection(api.connection);
  const info = useAppInfo(api.bridge);
  const session = useCheckSession(api.bridge, api.connection);
  const [view, setView] = useState<View>("check");
  // The walkthrough and the matrix outlive their views: switching away and back keeps them.
  const guided = useGuided(api.bridge, api.connection);
  const matrix = useMatrixView(api.bridge);
  // The form lives here: links, "run again", New check and the history all fill it in.
  const [form, setForm] = useState<FormState>(DEFAULT_FORM);
  const showCheck = useCallback(() => setView("check"), []);
  const runs = useRunActions({ bridge: api.bridge, session, setForm, showCheck });
  const desktopTargets = useMemo(() => ({ ...runs, setLanguage: prefs.setLanguage, setTheme: prefs.setTheme }), [runs, prefs.setLanguage, prefs.setTheme]);
  useDesktop(api.desktop, desktopTargets, prefs.lang, prefs.theme);
  const offerEhlo = api.desktop !== null;
  const loading = <p className="panel muted">{t("knowledge.loading")}</p>;
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
          <CheckPage
            session={session}
            info={info}
            bridge={api.bridge}
            form={form}
            setForm={setForm}
            notice={runs.notice ? t(runs.notice) : null}
            offerEhlo={offerEhlo}
            exportRequest={runs.exportRequest}
            onRunAgain={runs.runAgainShown}
            onOpenReference={() => setView("reference")}
          />
        ) : view === "guided" ? (
          <Suspense fallback={loading}>
            <GuidedPage guided={guided} info={info} bridge={api.bridge} />
          </Suspense>
        ) : view === "matrix" ? (
          <Suspense fallback={loading}>
            <MatrixPage view={matrix} info={info} />
          </Suspense>
        ) : view === "history" ? (
          <Suspense fallback={loading}>
            <HistoryView
              bridge={api.bridge}
              transport={api.transport}
              offerEhlo={offerEhlo}
              platform={info?.platform ?? "other"}
              onOpen={runs.openRun}
              onRunAgain={runs.runAgainFromHistory}
              onImported={runs.showImported}
            />
          </Suspense>
        ) : (
          <Suspense fallback={loading}>
            <CodeReference />
          </Suspense>
        )}
      </main>
    </KnowledgeProvider>
  );
}
