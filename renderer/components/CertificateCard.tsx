import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { TlsDetails } from "../../shared/contract/events";
import { certificateView, type CertificateSummary, type ValidityState } from "../model/certificate";
import { useFormat } from "../state/use-format";
import { CopyButton } from "./CopyButton";
import { IconError, IconLock, IconOk, IconWarning } from "./Icons";

const VALIDITY_ICON: Record<ValidityState, typeof IconOk> = {
  valid: IconOk,
  expiring: IconWarning,
  expired: IconError,
  "not-yet-valid": IconError,
  unknown: IconWarning,
};

function Validity({ cert }: { cert: CertificateSummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const Icon = VALIDITY_ICON[cert.validity];
  return (
    <span className={`validity validity-${cert.validity}`}>
      <Icon />
      <span>
        {t(`certificate.validity.${cert.validity}`, { count: Math.abs(cert.daysLeft ?? 0), days: f.number(Math.abs(cert.daysLeft ?? 0)) })}
      </span>
    </span>
  );
}

/** The server certificate: who it names, who vouches for it, until when, and the verdict. */
export function CertificateCard({ details, now }: { details: TlsDetails; now: Date }) {
  const { t } = useTranslation();
  const f = useFormat();
  const view = useMemo(() => certificateView(details, now), [details, now]);
  const leaf = view.leaf;
  const problems = [
    view.trusted ? null : t("certificate.untrusted", { reason: view.verifyError ?? "" }),
    view.nameMatches ? null : t("certificate.nameMismatch"),
  ].filter((x): x is string => x !== null);
  return (
    <section className="panel certificate" aria-labelledby="certificate-title">
      <header className="panel-header">
        <h2 id="certificate-title" className="panel-title">
          <IconLock /> {t("certificate.title")}
        </h2>
        <span className="panel-meta mono" dir="ltr">
          {[view.protocol, view.cipher].filter(Boolean).join(" · ")}
        </span>
      </header>
      <p className={`verdict ${view.verified ? "verdict-ok" : "verdict-bad"}`}>
        {view.verified ? <IconOk /> : <IconError />}
        <span>
          {view.verified ? t("certificate.verified") : t("certificate.notVerified")}
          {problems.length > 0 ? <span className="verdict-detail">{problems.join(" · ")}</span> : null}
        </span>
      </p>
      {view.verifyMessage && !view.trusted ? (
        <p className="muted small mono" dir="ltr">
          {view.verifyMessage}
        </p>
      ) : null}
      {leaf ? (
        <dl className="facts">
          <div>
            <dt>{t("certificate.subject")}</dt>
            <dd>
              <bdi dir="ltr" className="mono">
                {leaf.commonName}
              </bdi>
            </dd>
          </div>
          <div>
            <dt>{t("certificate.names")}</dt>
            <dd>
              <ul className="chips" dir="ltr">
                {leaf.names.map((name) => (
                  <li key={name} className="chip mono">
                    {name}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt>{t("certificate.issuer")}</dt>
            <dd>
              <bdi dir="ltr">{leaf.issuerName}</bdi>
            </dd>
          </div>
          {view.trustedBy ? (
            <div>
              <dt>{t("certificate.trustedBy.label")}</dt>
              <dd>{t(`certificate.trustedBy.${view.trustedBy}`)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("certificate.valid")}</dt>
            <dd>
              <span>{t("certificate.range", { from: f.date(leaf.validFrom), to: f.date(leaf.validTo) })}</span>
              <br />
              <Validity cert={leaf} />
            </dd>
          </div>
          <div>
            <dt>{t("certificate.key")}</dt>
            <dd className="mono" dir="ltr">
              {leaf.key}
            </dd>
          </div>
          <div>
            <dt>{t("certificate.fingerprint")}</dt>
            <dd className="fingerprint">
              <code dir="ltr" className="break">
                {leaf.fingerprint256}
              </code>
              <CopyButton compact text={leaf.fingerprint256} label={t("certificate.copyFingerprint")} />
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted">{t("certificate.none")}</p>
      )}
      {view.chain.length > 0 ? (
        <details className="chain">
          <summary>{t("certificate.chain", { count: view.chain.length })}</summary>
          <ol className="chain-list">
            {view.chain.map((cert, index) => (
              <li key={`${cert.fingerprint256}-${index}`}>
                <bdi dir="ltr" className="mono">
                  {cert.commonName}
                </bdi>
                <span className="muted small">
                  {" "}
                  {cert.selfSigned ? t("certificate.selfSigned") : t("certificate.issuedBy", { issuer: cert.issuerName })}
                </span>
                <span className="muted small"> · {t("certificate.until", { date: f.date(cert.validTo) })}</span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
