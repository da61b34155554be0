/** The custom messages of shared/protocol.ts as typed messages of the language client. */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageclient/node';
import { type ExplainParams, ExplainRequest, StatusNotification, type StatusParams, type WorkspaceReport, WorkspaceReportRequest } from '../../shared/protocol';

export const explainRequest = new RequestType<ExplainParams, string | null, void>(ExplainRequest.method);
export const workspaceReportRequest = new RequestType0<WorkspaceReport, void>(WorkspaceReportRequest.method);
export const statusNotification = new NotificationType<StatusParams>(StatusNotification.method);
