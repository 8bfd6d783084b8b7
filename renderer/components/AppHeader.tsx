import { useTranslation } from "react-i18next";
import { availableLanguages } from "../i18n/ui-resources";
import type { Preferences, ThemeChoice } from "../state/preferences";
import type { ConnectionState } from "../transport/connection";

export type View = "check" | "reference" | "history" | "guided" | "matrix";

/** The views in the order the navigation shows them. */
export const VIEWS: readonly View[] = ["check", "reference", "history", "guided", "matrix"];

const THEMES: ThemeChoice[] = ["system", "light", "dark"];

function ConnectionDot({ connection }: { connection: ConnectionState }) {
  const { t } = useTranslation();
  return (
    <span className={`conn conn-${connection.status}`}>
      <span className="conn-dot" aria-hidden="true" />
      <span>{t(`connection.status.${connection.status}`)}</span>
    </span>
  );
}

interface AppHeaderProps {
  view: View;
  onView(view: View): void;
  prefs: Preferences;
  connection: ConnectionState;
  version: string | null;
}

export function AppHeader({ view, onView, prefs, connection, version }: AppHeaderProps) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          @
        </span>
        <div>
          <p className="brand-name">
            Ehlo{version ? <span className="brand-version"> {version}</span> : null}
          </p>
          <p className="brand-tagline">{t("app.tagline")}</p>
        </div>
      </div>
      <nav className="app-nav" aria-label={t("app.nav")}>
        {VIEWS.map((item) => (
          <button
            key={item}
            type="button"
            className={`nav-item${view === item ? " is-active" : ""}`}
            aria-current={view === item ? "page" : undefined}
            onClick={() => onView(item)}
          >
            {t(`app.view.${item}`)}
          </button>
        ))}
      </nav>
      <div className="app-tools">
        <ConnectionDot connection={connection} />
        <label className="tool">
          <span className="sr-only">{t("app.language")}</span>
          <select className="input input-small" value={prefs.lang} onChange={(e) => prefs.setLanguage(e.target.value)} aria-label={t("app.language")}>
            {availableLanguages().map((lang) => (
              <option key={lang.code} value={lang.code} lang={lang.code}>
                {lang.name}
              </option>
            ))}
          </select>
        </label>
        <label className="tool">
          <span className="sr-only">{t("app.theme")}</span>
          <select
            className="input input-small"
            value={prefs.theme}
            onChange={(e) => prefs.setTheme(e.target.value as ThemeChoice)}
            aria-label={t("app.theme")}
          >
            {THEMES.map((theme) => (
              <option key={theme} value={theme}>
                {t(`app.themes.${theme}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </header>
  );
}
