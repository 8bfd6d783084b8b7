interface InlineErrorProps {
  /** What failed, in the UI's language. */
  summary: string;
  /** The underlying message (from the host, a file, the OS): English, shown as it came. */
  detail?: string | null;
  className?: string;
}

/** An action that failed, said next to where it was asked for, with the reason under it. */
export function InlineError({ summary, detail, className }: InlineErrorProps) {
  return (
    <div className={className ? `inline-error ${className}` : "inline-error"} role="alert">
      <p>{summary}</p>
      {detail ? (
        <p className="small" lang="en" dir="auto">
          {detail}
        </p>
      ) : null}
    </div>
  );
}
