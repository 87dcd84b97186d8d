/**
 * Every JSON-RPC method and notification of the backend, named once (as RpcMethods.java does on the
 * other side, and registry/supervisor-protocol.json for the chat). Nothing else spells a method name.
 */
export const RpcMethods = {
  initialize: 'initialize',
  shutdown: 'shutdown',
  exit: 'exit',
  listTools: 'registry/listTools',
  runsStart: 'runs/start',
  runsGet: 'runs/get',
  runsList: 'runs/list',
  runsCancel: 'runs/cancel',
  approvalsList: 'approvals/list',
  approvalsDecide: 'approvals/decide',
  supervisorSend: 'supervisor/send',
  supervisorCancel: 'supervisor/cancel',
  supervisorInfo: 'supervisor/info',
  sessionsList: 'sessions/list',
  sessionsGet: 'sessions/get',
} as const;

/** Server to client. */
export const RpcNotifications = {
  runsUpdated: 'runs/updated',
  runsLog: 'runs/log',
  approvalsRequested: 'approvals/requested',
  supervisorEvent: 'supervisor/event',
} as const;

export type RpcMethod = (typeof RpcMethods)[keyof typeof RpcMethods];
export type RpcNotification = (typeof RpcNotifications)[keyof typeof RpcNotifications];
