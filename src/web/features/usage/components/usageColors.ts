import type { UsageEventType } from '../../../../contracts/usage';

/** One color per usage type, shared by every usage chart and badge. */
export const USAGE_COLORS: Record<UsageEventType, string> = {
  chat_message: 'indigo.6',
  artifact_created: 'teal.6',
  artifact_edited: 'cyan.6',
  orchestration_run: 'violet.6',
  sequence_run: 'grape.6',
  sign_in: 'gray.6',
  workspace_visit: 'orange.6',
};
