/**
 * The extension's side of registry/error-codes.json: what each code means, said to a person. A test
 * keeps this table in step with the fixture (same names, same numbers).
 */
export interface ErrorCodeEntry {
  readonly name: string;
  readonly code: number;
  readonly userMessage: string;
}

export const ERROR_CODES: readonly ErrorCodeEntry[] = [
  { name: 'ParseError', code: -32700, userMessage: 'The backend could not read a message from the editor.' },
  { name: 'InvalidRequest', code: -32600, userMessage: 'The backend refused a malformed request.' },
  { name: 'MethodNotFound', code: -32601, userMessage: 'This backend does not know that action; update the extension and the backend together.' },
  { name: 'InvalidParams', code: -32602, userMessage: 'The request did not fit what the backend expects.' },
  { name: 'InternalError', code: -32603, userMessage: 'The backend failed; see "Product OS: Show Backend Log" for details.' },
  { name: 'RequestCancelled', code: -32800, userMessage: 'The request was cancelled.' },
  { name: 'ToolNotFound', code: -31001, userMessage: 'No tool of that name is in the registry.' },
  { name: 'InvalidInput', code: -31002, userMessage: 'The input does not fit the tool; fix the fields named below and try again.' },
  { name: 'PolicyDenied', code: -31003, userMessage: 'The policy does not allow this call.' },
  { name: 'ApprovalRequired', code: -31004, userMessage: 'This call waits for a person to approve it (see Approvals).' },
  { name: 'RunNotFound', code: -31005, userMessage: 'That run no longer exists.' },
  { name: 'ExecutorUnavailable', code: -31006, userMessage: 'The tool\'s executor could not be reached; check its URL in .productos/config.yaml.' },
  { name: 'ExecutorTimeout', code: -31007, userMessage: 'The tool\'s executor did not answer in time.' },
  { name: 'ModelError', code: -31008, userMessage: 'The model failed or answered off contract.' },
  { name: 'ExecutorError', code: -31009, userMessage: 'The tool\'s executor reported an error.' },
  { name: 'OutputContractViolation', code: -31010, userMessage: 'The executor answered something the tool does not promise.' },
  { name: 'ApprovalNotFound', code: -31011, userMessage: 'That approval is no longer pending.' },
  { name: 'InvalidRunState', code: -31012, userMessage: 'The run is not in a state that allows this.' },
  { name: 'IdempotencyConflict', code: -31013, userMessage: 'That idempotency key was already used for a different input.' },
  { name: 'ApprovalExpired', code: -31014, userMessage: 'The approval expired before it was decided; start the call again.' },
];

const BY_CODE = new Map(ERROR_CODES.map((entry) => [entry.code, entry]));

/** Words for a person: the table's sentence, then the server's own message when it adds something. */
export function describeError(code: number | undefined, serverMessage: string | undefined): string {
  const entry = code === undefined ? undefined : BY_CODE.get(code);
  const detail = serverMessage?.trim();
  if (!entry) return detail && detail.length > 0 ? detail : 'The backend reported an unknown error.';
  if (!detail || detail === entry.userMessage) return entry.userMessage;
  return `${entry.userMessage} ${detail}`;
}
