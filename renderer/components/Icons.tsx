import type { ReactNode } from "react";
import type { Severity } from "../../shared/contract/findings";

/**
 * Inline SVG icons (no icon font, nothing fetched). Decorative by default (`aria-hidden`); pass
 * `label` when the icon alone carries meaning, so screen readers hear it too.
 */
interface IconProps {
  label?: string;
  className?: string;
}

function Svg({ label, className, children }: IconProps & { children: ReactNode }) {
  return (
    <svg
      className={`icon${className ? ` ${className}` : ""}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      {...(label ? { role: "img", "aria-label": label } : { "aria-hidden": true, focusable: "false" })}
    >
      {label ? <title>{label}</title> : null}
      {children}
    </svg>
  );
}

export const IconError = (p: IconProps) => (
  <Svg {...p}>
    <path d="M5.2 1.5h5.6l3.7 3.7v5.6l-3.7 3.7H5.2l-3.7-3.7V5.2z" />
    <path d="M5.8 5.8l4.4 4.4M10.2 5.8l-4.4 4.4" />
  </Svg>
);
export const IconWarning = (p: IconProps) => (
  <Svg {...p}>
    <path d="M8 1.8l6.6 11.6H1.4z" />
    <path d="M8 6.2v3.3M8 11.4v.1" />
  </Svg>
);
export const IconInfo = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="8" cy="8" r="6.5" />
    <path d="M8 7.2v4M8 4.8v.1" />
  </Svg>
);
export const IconOk = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="8" cy="8" r="6.5" />
    <path d="M5.2 8.2l2 2 3.8-4.2" />
  </Svg>
);
export const IconLock = (p: IconProps) => (
  <Svg {...p}>
    <rect x="3" y="7" width="10" height="7" rx="1.5" />
    <path d="M5.3 7V5a2.7 2.7 0 015.4 0v2" />
  </Svg>
);
export const IconCopy = (p: IconProps) => (
  <Svg {...p}>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
    <path d="M10.5 3.5v-.5A1.5 1.5 0 009 1.5H4A1.5 1.5 0 002.5 3v5A1.5 1.5 0 004 9.5h.5" />
  </Svg>
);
export const IconChevron = (p: IconProps) => (
  <Svg {...p}>
    <path d="M6 3.5L10.5 8 6 12.5" />
  </Svg>
);
export const IconArrowDown = (p: IconProps) => (
  <Svg {...p}>
    <path d="M8 2.5v10M3.5 8.5L8 13l4.5-4.5" />
  </Svg>
);
export const IconStop = (p: IconProps) => (
  <Svg {...p}>
    <rect x="4" y="4" width="8" height="8" rx="1.2" />
  </Svg>
);
export const IconPlay = (p: IconProps) => (
  <Svg {...p}>
    <path d="M5 3.2l7.5 4.8L5 12.8z" />
  </Svg>
);
export const IconSearch = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="7" cy="7" r="4.5" />
    <path d="M10.4 10.4l3.6 3.6" />
  </Svg>
);
export const IconClock = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="8" cy="8" r="6.5" />
    <path d="M8 4.5V8l2.5 1.5" />
  </Svg>
);
export const IconTarget = (p: IconProps) => (
  <Svg {...p}>
    <path d="M2 8h9M8.5 4.5L12 8l-3.5 3.5M14 3v10" />
  </Svg>
);

const SEVERITY_ICON: Record<Severity, (p: IconProps) => ReactNode> = {
  error: IconError,
  warning: IconWarning,
  info: IconInfo,
};

export function SeverityIcon({ severity, label }: { severity: Severity; label?: string }) {
  const Icon = SEVERITY_ICON[severity];
  return <Icon className={`sev-${severity}`} {...(label ? { label } : {})} />;
}
