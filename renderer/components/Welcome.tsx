import { useTranslation } from "react-i18next";

/** What the results side says before the first check: how to start, in three steps. */
export function Welcome({ onOpenReference }: { onOpenReference(): void }) {
  const { t } = useTranslation();
  return (
    <section className="panel welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title" className="welcome-title">
        {t("welcome.title")}
      </h2>
      <p className="welcome-lead">{t("welcome.lead")}</p>
      <ol className="welcome-steps">
        <li>
          <strong>{t("welcome.step1.title")}</strong>
          <span>{t("welcome.step1.text")}</span>
        </li>
        <li>
          <strong>{t("welcome.step2.title")}</strong>
          <span>{t("welcome.step2.text")}</span>
        </li>
        <li>
          <strong>{t("welcome.step3.title")}</strong>
          <span>{t("welcome.step3.text")}</span>
        </li>
      </ol>
      <p className="welcome-foot">
        {t("welcome.reference")}{" "}
        <button type="button" className="btn btn-link" onClick={onOpenReference}>
          {t("welcome.referenceLink")}
        </button>
      </p>
    </section>
  );
}
