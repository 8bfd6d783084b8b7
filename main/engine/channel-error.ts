/** Why a wait on the connection ended without a reply. */
export type ChannelErrorKind =
  | "timeout"
  | "closed"
  | "reset"
  | "socket"
  | "protocol"
  | "not-smtp"
  | "overflow"
  | "aborted"
  | "tls";

export class ChannelError extends Error {
  override readonly name = "ChannelError";
  constructor(
    readonly kind: ChannelErrorKind,
    message: string,
    /** Events that show the failure (the bad line, the note about the close …). */
    readonly evidence: number[] = [],
    readonly detail: Record<string, string | number> = {},
  ) {
    super(message);
  }
}
