/** The backend's wire records (com.productos.rpc.protocol). Absent values are left out of the JSON. */

/** As com.productos.runs.RunStatus (runStatus.test.ts keeps the two lists equal). */
export type RunStatus =
  | 'queued' | 'awaiting_approval' | 'running' | 'succeeded' | 'failed' | 'denied' | 'cancelled' | 'interrupted';

export interface RunErrorInfo {
  code: string;
  numericCode: number;
  message: string;
  details?: unknown;
}

export interface RunLogInfo {
  runId: string;
  sequence: number;
  time: string;
  severity: string;
  text: string;
}

export interface RunArtifactInfo {
  name: string;
  uri: string;
  mediaType?: string;
}

/**
 * A run. {@code input} is absent from the runs/start answer and from runs/updated, which carry what
 * changed (fetch the input with runs/get); {@code logs} is present only in runs/get; {@code omitted}
 * names fields left out because the message would have exceeded the frame limit.
 */
export interface RunInfo {
  id: string;
  tool: string;
  actor?: string;
  status: RunStatus | string;
  input?: unknown;
  inputHash?: string;
  output?: unknown;
  error?: RunErrorInfo;
  idempotencyKey?: string;
  sessionId?: string;
  approvalId?: string;
  createdAt?: string;
  startedAt?: string;
  finishedAt?: string;
  updatedAt?: string;
  artifacts?: RunArtifactInfo[];
  logs?: RunLogInfo[];
  omitted?: string[];
}

export interface ToolInfo {
  name: string;
  description: string;
  risk: string;
  executor: string;
  inputSchema?: unknown;
  outputSchema?: unknown;
}

export interface ApprovalInfo {
  id: string;
  runId: string;
  tool: string;
  inputHash?: string;
  actor?: string;
  status: string;
  reasons?: string[];
  createdAt?: string;
  expiresAt?: string;
  decidedAt?: string;
  decidedBy?: string;
  note?: string;
}

export interface InitializeResult {
  serverInfo: { name: string; version: string };
  protocolVersion: string;
  requests: string[];
  clientNotifications: string[];
  notifications: string[];
  capabilities: {
    maxMessageBytes: number;
    clientActors: string[];
    runCancellation: boolean;
    approvals: boolean;
    requestCancellation: boolean;
  };
}

export interface ListRunsResult { runs: RunInfo[]; nextCursor?: string }
export interface ListToolsResult { tools: ToolInfo[] }
export interface ListApprovalsResult { approvals: ApprovalInfo[] }
export interface ApprovalRequestedParams { approval: ApprovalInfo; run: RunInfo }

export interface StartRunParams {
  tool: string;
  input?: unknown;
  idempotencyKey?: string;
  actor?: string;
  sessionId?: string;
}

/** The states a run never leaves: an update saying otherwise is older than what is known. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set<RunStatus>(['succeeded', 'failed', 'denied', 'cancelled', 'interrupted']);
